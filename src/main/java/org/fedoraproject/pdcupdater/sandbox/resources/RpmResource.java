package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.api.BulkItemException;
import org.fedoraproject.pdcupdater.sandbox.api.Filter;
import org.fedoraproject.pdcupdater.sandbox.api.ListSpec;
import org.fedoraproject.pdcupdater.sandbox.api.Resource;
import org.fedoraproject.pdcupdater.sandbox.api.SqlWhere;
import org.fedoraproject.pdcupdater.sandbox.api.WriteContext;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ApiException;
import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;
import org.fedoraproject.pdcupdater.sandbox.http.Json;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * rpms/ (pdc-api.md 2.17): no DELETE; srpm_nevra null iff arch is src; name filter is an unanchored regex.
 * Bulk create validates the whole array and inserts it with JDBC batches.
 */
public final class RpmResource extends Resource {
    private static final Pattern DEP_QUERY = Pattern.compile("^\\s*(\\S+)\\s*(?:(<=|>=|<|>|=)\\s*(\\S+))?\\s*$");

    private final ListSpec spec = new ListSpec("rpms p", "p.id")
            .filter("name", Filter.regex("p.name"))
            .multi("version", "p.version").multi("release", "p.release").multi("arch", "p.arch")
            .multi("srpm_name", "p.srpm_name").multi("filename", "p.filename")
            .multi("srpm_commit_hash", "p.srpm_commit_hash").multi("srpm_commit_branch", "p.srpm_commit_branch")
            .filter("epoch", Filter.ints("epoch", "p.epoch"))
            .nullable("srpm_nevra", "p.srpm_nevra")
            .filter("compose", (v, w) -> {
                SqlWhere sub = new SqlWhere().in("c.compose_id", v);
                w.add("EXISTS (SELECT 1 FROM compose_rpms cr JOIN variant_arches va ON va.id = cr.variant_arch_pk "
                        + "JOIN variants vv ON vv.id = va.variant_pk JOIN composes c ON c.id = vv.compose_pk"
                        + sub.sql() + " AND cr.rpm_pk = p.id AND " + PendingImports.visible("cr") + " AND "
                        + PendingImports.visible("c") + ")", sub.args().toArray());
            })
            .filter("linked_release", (v, w) -> {
                SqlWhere sub = new SqlWhere().in("r.release_id", v);
                w.add("EXISTS (SELECT 1 FROM rpm_linked_releases l JOIN releases r ON r.id = l.release_pk"
                        + sub.sql() + " AND l.rpm_pk = p.id)", sub.args().toArray());
            })
            .filter("built_for_release", (v, w) -> {
                SqlWhere sub = new SqlWhere().in("r.release_id", v);
                w.add("EXISTS (SELECT 1 FROM releases r" + sub.sql() + " AND r.id = p.built_for_release_pk)", sub.args().toArray());
            })
            .filter("has_no_deps", (v, w) -> w.add((Filter.parseBool(v.get(v.size() - 1)) ? "NOT " : "")
                    + "EXISTS (SELECT 1 FROM rpm_dependencies d WHERE d.rpm_pk = p.id)"))
            .order("id", "p.id").order("name", "p.name").order("epoch", "p.epoch").order("version", "p.version")
            .order("release", "p.release").order("arch", "p.arch").order("srpm_name", "p.srpm_name")
            .order("srpm_nevra", "p.srpm_nevra").order("filename", "p.filename");

    public RpmResource() {
        for (String kind : RpmWriter.DEP_KINDS) spec.filter(kind, depFilter(kind));
    }

    /**
     * {@code name} or {@code name OP version}. Name matches exactly; with a version the sandbox matches
     * unversioned dependencies and those whose own version equals the query's (a simplification of PDC's
     * range intersection).
     */
    private static Filter depFilter(String kind) {
        return (values, w) -> {
            String v = values.get(values.size() - 1);
            Matcher m = DEP_QUERY.matcher(v);
            if (!m.matches()) throw ErrorBodies.badRequest("Invalid dependency specification: " + v);
            if (m.group(2) == null) {
                w.add("EXISTS (SELECT 1 FROM rpm_dependencies d WHERE d.rpm_pk = p.id AND d.kind = ? AND d.name = ?)", kind, m.group(1));
            } else {
                w.add("EXISTS (SELECT 1 FROM rpm_dependencies d WHERE d.rpm_pk = p.id AND d.kind = ? AND d.name = ? "
                        + "AND (d.op IS NULL OR d.version = ?))", kind, m.group(1), m.group(3));
            }
        };
    }

    @Override
    public String path() {
        return "rpms/";
    }

    @Override
    public String model() {
        return "rpm";
    }

    @Override
    public List<String> outputFields() {
        return List.of("id", "name", "version", "epoch", "release", "arch", "srpm_name", "srpm_nevra", "filename",
                "linked_releases", "linked_composes", "dependencies", "built_for_release", "srpm_commit_hash",
                "srpm_commit_branch");
    }

    @Override
    public ListSpec listSpec() {
        return spec;
    }

    @Override
    public boolean canCreate() {
        return true;
    }

    @Override
    public boolean canUpdate() {
        return true;
    }

    /** RPMs created by an unfinished compose-rpms import are not there yet. */
    @Override
    public void scope(ApiRequest req, SqlWhere where) {
        where.add(PendingImports.visible("p"));
    }

    @Override
    public List<ObjectNode> render(Tx tx, List<Long> pks, ApiRequest req) {
        return render(tx, pks, field -> true);
    }

    /** An audit reading a million rows asks for a few fields; composes and dependencies are then not loaded. */
    @Override
    public List<ObjectNode> renderForList(Tx tx, List<Long> pks, ApiRequest req, Predicate<String> wanted) {
        return render(tx, pks, wanted);
    }

    private List<ObjectNode> render(Tx tx, List<Long> pks, Predicate<String> wanted) {
        Map<Long, List<String>> linked = !wanted.test("linked_releases") ? Map.of()
                : Rows.grouped(tx, "SELECT l.rpm_pk, r.release_id FROM rpm_linked_releases l "
                + "JOIN releases r ON r.id = l.release_pk WHERE l.rpm_pk IN (%s) ORDER BY r.id", pks, rs -> rs.getString(2));
        Map<Long, List<String>> composes = !wanted.test("linked_composes") ? Map.of()
                : Rows.grouped(tx, "SELECT DISTINCT cr.rpm_pk, c.compose_id FROM compose_rpms cr "
                + "JOIN variant_arches va ON va.id = cr.variant_arch_pk JOIN variants vv ON vv.id = va.variant_pk "
                + "JOIN composes c ON c.id = vv.compose_pk WHERE c.deleted = FALSE AND " + PendingImports.visible("cr") + " AND cr.rpm_pk IN (%s) "
                + "ORDER BY c.compose_id",
                pks, rs -> rs.getString(2));
        boolean deps = wanted.test("dependencies");
        return Rows.byPk(tx, "SELECT p.*, r.release_id AS bfr FROM rpms p LEFT JOIN releases r ON r.id = p.built_for_release_pk "
                + "WHERE p.id IN (%s)", pks, rs -> {
            long id = rs.getLong("id");
            ObjectNode o = Json.obj();
            o.put("id", id);
            o.put("name", rs.getString("name"));
            o.put("version", rs.getString("version"));
            o.put("epoch", rs.getInt("epoch"));
            o.put("release", rs.getString("release"));
            o.put("arch", rs.getString("arch"));
            o.put("srpm_name", rs.getString("srpm_name"));
            Rows.putNullable(o, "srpm_nevra", rs.getString("srpm_nevra"));
            o.put("filename", rs.getString("filename"));
            o.set("linked_releases", Json.arr(linked.getOrDefault(id, List.of())));
            o.set("linked_composes", Json.arr(composes.getOrDefault(id, List.of())));
            if (deps) {
                String json = rs.getString("dependencies");
                o.set("dependencies", json == null ? RpmWriter.depsJson(List.of()) : Json.parse(json));
            }
            Rows.putNullable(o, "built_for_release", rs.getString("bfr"));
            Rows.putNullable(o, "srpm_commit_hash", rs.getString("srpm_commit_hash"));
            Rows.putNullable(o, "srpm_commit_branch", rs.getString("srpm_commit_branch"));
            return o;
        });
    }

    @Override
    public JsonNode exportOf(ObjectNode rendered) {
        ObjectNode o = rendered.deepCopy();
        o.remove(List.of("id", "linked_composes"));
        return o;
    }

    @Override
    public JsonNode export(Tx tx, long pk, ApiRequest req) {
        return exportOf(render(tx, List.of(pk), req).get(0));
    }

    @Override
    public long create(WriteContext ctx, JsonNode body) {
        RpmWriter.Values v = RpmWriter.validate(ctx.tx(), body, false, null);
        RpmWriter.checkUnique(ctx.tx(), v, -1);
        return RpmWriter.insert(ctx.tx(), List.of(v)).get(0);
    }

    @Override
    public List<Long> createMany(WriteContext ctx, List<JsonNode> bodies) {
        List<RpmWriter.Values> rows = new ArrayList<>(bodies.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < bodies.size(); i++) {
            try {
                RpmWriter.Values v = RpmWriter.validate(ctx.tx(), bodies.get(i), false, null);
                RpmWriter.checkUnique(ctx.tx(), v, -1);
                if (!seen.add(v.name() + "\u0000" + v.epoch() + "\u0000" + v.version() + "\u0000" + v.release() + "\u0000" + v.arch())) {
                    throw ErrorBodies.badRequestList("The fields name, epoch, version, release, arch must make a unique set.");
                }
                rows.add(v);
            } catch (ApiException e) {
                throw new BulkItemException(i, e);
            }
        }
        return rows.isEmpty() ? List.of() : RpmWriter.insert(ctx.tx(), rows);
    }

    @Override
    public void update(WriteContext ctx, long pk, JsonNode body, boolean partial) {
        ObjectNode cur = render(ctx.tx(), List.of(pk), ctx.request()).get(0);
        RpmWriter.Values v = RpmWriter.validate(ctx.tx(), body, partial, cur);
        RpmWriter.checkUnique(ctx.tx(), v, pk);
        RpmWriter.update(ctx.tx(), pk, v);
    }
}
