package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.api.BodyCheck;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * modules/ (pdc-api.md 2.23): uid = name:stream:version:context, recomputed on change. RPMs are given as
 * NEVRA objects, created through the rpms/ rules when missing, and listed back as file names. Like PDC,
 * dependencies can only be set on create (the update path has no nested-write support and fails with 503).
 */
public final class ModuleResource extends Resource {
    private static final Set<String> WRITABLE = Set.of("name", "stream", "version", "context", "koji_tag", "modulemd",
            "active", "runtime_deps", "build_deps", "rpms");
    private static final String RPMS = "SELECT 1 FROM module_rpms mr JOIN rpms p ON p.id = mr.rpm_pk WHERE mr.module_pk = m.id";

    private final ListSpec spec = new ListSpec("modules m", "m.id")
            .filter("uid", Filter.exactCi("m.uid")).filter("name", Filter.exactCi("m.name"))
            .filter("stream", Filter.exactCi("m.stream")).filter("version", Filter.exactCi("m.version"))
            .filter("context", Filter.exactCi("m.context")).filter("koji_tag", Filter.exactCi("m.koji_tag"))
            .bool("active", "m.active")
            .filter("runtime_dep_name", dep("runtime", "dependency")).filter("runtime_dep_stream", dep("runtime", "stream"))
            .filter("build_dep_name", dep("build", "dependency")).filter("build_dep_stream", dep("build", "stream"))
            .filter("component_name", rpm("p.srpm_name")).filter("component_branch", rpm("p.srpm_commit_branch"))
            .filter("rpm_filename", rpm("p.filename"))
            .filter("component", (values, w) -> {
                List<String> parts = new ArrayList<>();
                List<Object> args = new ArrayList<>();
                for (String v : values) {
                    int slash = v.indexOf('/');
                    if (slash < 0) {
                        parts.add("p.srpm_name = ?");
                        args.add(v);
                    } else {
                        parts.add("(p.srpm_name = ? AND p.srpm_commit_branch = ?)");
                        args.add(v.substring(0, slash));
                        args.add(v.substring(slash + 1));
                    }
                }
                w.add("EXISTS (" + RPMS + " AND (" + String.join(" OR ", parts) + "))", args.toArray());
            })
            .order("uid", "m.uid").order("name", "m.name").order("stream", "m.stream").order("version", "m.version")
            .order("context", "m.context").order("active", "m.active").order("koji_tag", "m.koji_tag").order("id", "m.id")
            .defaultOrder("m.uid");

    private static Filter dep(String kind, String column) {
        return (v, w) -> {
            SqlWhere sub = new SqlWhere().add("d.kind = ?", kind).in("d." + column, v);
            w.add("EXISTS (SELECT 1 FROM module_deps d" + sub.sql() + " AND d.module_pk = m.id)", sub.args().toArray());
        };
    }

    private static Filter rpm(String expr) {
        return (v, w) -> {
            SqlWhere sub = new SqlWhere().in(expr, v);
            w.add("EXISTS (" + RPMS + " AND " + sub.sql().substring(" WHERE ".length()) + ")", sub.args().toArray());
        };
    }

    @Override
    public String path() {
        return "modules/";
    }

    @Override
    public String model() {
        return "module";
    }

    @Override
    public List<String> outputFields() {
        return List.of("uid", "name", "stream", "version", "context", "active", "koji_tag", "modulemd", "runtime_deps",
                "build_deps", "rpms");
    }

    @Override
    public ListSpec listSpec() {
        return spec;
    }

    @Override
    protected String keyExpr() {
        return "m.uid";
    }

    @Override
    protected boolean numericKey() {
        return false;
    }

    @Override
    public boolean canCreate() {
        return true;
    }

    @Override
    public boolean canUpdate() {
        return true;
    }

    @Override
    public boolean canDelete() {
        return true;
    }

    @Override
    public List<ObjectNode> render(Tx tx, List<Long> pks, ApiRequest req) {
        Map<Long, List<String[]>> deps = Rows.grouped(tx, "SELECT module_pk, kind, dependency, stream FROM module_deps "
                + "WHERE module_pk IN (%s) ORDER BY dependency, stream", pks, rs -> new String[]{rs.getString(2), rs.getString(3), rs.getString(4)});
        Map<Long, List<String>> rpms = Rows.grouped(tx, "SELECT mr.module_pk, p.name, p.epoch, p.version, p.release, p.arch "
                + "FROM module_rpms mr JOIN rpms p ON p.id = mr.rpm_pk WHERE mr.module_pk IN (%s) ORDER BY p.name, p.arch, p.id", pks,
                rs -> rs.getString(2) + "-" + rs.getInt(3) + ":" + rs.getString(4) + "-" + rs.getString(5) + "." + rs.getString(6) + ".rpm");
        return Rows.byPk(tx, "SELECT id, uid, name, stream, version, context, active, koji_tag, modulemd FROM modules WHERE id IN (%s)", pks, rs -> {
            long id = rs.getLong(1);
            ObjectNode o = Json.obj();
            o.put("uid", rs.getString(2));
            o.put("name", rs.getString(3));
            o.put("stream", rs.getString(4));
            o.put("version", rs.getString(5));
            o.put("context", rs.getString(6));
            o.put("active", rs.getBoolean(7));
            o.put("koji_tag", rs.getString(8));
            o.put("modulemd", rs.getString(9));
            ArrayNode runtime = Json.arr();
            ArrayNode build = Json.arr();
            for (String[] d : deps.getOrDefault(id, List.of())) {
                (d[0].equals("runtime") ? runtime : build).add(Json.obj().put("dependency", d[1]).put("stream", d[2]));
            }
            o.set("runtime_deps", runtime);
            o.set("build_deps", build);
            o.set("rpms", Json.arr(rpms.getOrDefault(id, List.of())));
            return o;
        });
    }

    private long save(WriteContext ctx, JsonNode body, boolean partial, Long pk) {
        Tx tx = ctx.tx();
        BodyCheck b = BodyCheck.of(body, partial, WRITABLE, Set.of("uid"));
        if (pk != null && (b.has("runtime_deps") || b.has("build_deps"))) {
            // PDC's update path has no nested-write support for dependencies: its generic error handler answers 503.
            throw new IllegalStateException("The `.update()` method does not support writable nested fields by default.");
        }
        ObjectNode cur = pk == null ? null : render(tx, List.of(pk), ctx.request()).get(0);
        boolean keep = partial;
        String name = keep && !b.has("name") ? cur.get("name").asText() : b.requiredString("name", 300);
        String stream = keep && !b.has("stream") ? cur.get("stream").asText() : b.requiredString("stream", 300);
        String version = keep && !b.has("version") ? cur.get("version").asText() : b.requiredString("version", 300);
        String context = keep && !b.has("context") ? cur.get("context").asText() : b.requiredString("context", 300);
        String kojiTag = keep && !b.has("koji_tag") ? cur.get("koji_tag").asText() : b.requiredString("koji_tag", 300);
        String modulemd = keep && !b.has("modulemd") ? cur.get("modulemd").asText() : b.string("modulemd", true, false, false, 0);
        Boolean active = keep && !b.has("active") ? (Boolean) cur.get("active").asBoolean() : b.bool("active", false);
        List<String[]> deps = new ArrayList<>();
        depList(b, "runtime_deps", "runtime", deps);
        depList(b, "build_deps", "build", deps);
        if (b.has("rpms") && !b.raw("rpms").isArray()) b.error("rpms", "Expected a list of items but got type \"" + Json.pyType(b.raw("rpms")) + "\".");
        b.done();
        String uid = name + ":" + stream + ":" + version + ":" + context;
        if (tx.exists("SELECT 1 FROM modules WHERE name = ? AND stream = ? AND version = ? AND context = ? AND id <> ?",
                name, stream, version, context, pk == null ? -1L : pk)) {
            throw ErrorBodies.badRequestList("The fields name, stream, version, context must make a unique set.");
        }
        Set<Long> rpmPks = null;
        if (b.has("rpms")) rpmPks = rpms(ctx, b.raw("rpms"));
        long id;
        if (pk == null) {
            id = tx.insert("INSERT INTO modules (uid, name, stream, version, context, koji_tag, modulemd, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    uid, name, stream, version, context, kojiTag, modulemd, active != null && active);
            for (String[] d : deps) {
                tx.update("INSERT INTO module_deps (module_pk, kind, dependency, stream) VALUES (?, ?, ?, ?)", id, d[0], d[1], d[2]);
            }
        } else {
            id = pk;
            tx.update("UPDATE modules SET uid = ?, name = ?, stream = ?, version = ?, context = ?, koji_tag = ?, modulemd = ?, active = ? "
                    + "WHERE id = ?", uid, name, stream, version, context, kojiTag, modulemd, active != null && active, pk);
        }
        if (rpmPks != null) {
            tx.update("DELETE FROM module_rpms WHERE module_pk = ?", id);
            for (Long r : rpmPks) tx.update("INSERT INTO module_rpms (module_pk, rpm_pk) VALUES (?, ?)", id, r);
        }
        return id;
    }

    private static void depList(BodyCheck b, String field, String kind, List<String[]> out) {
        if (!b.has(field)) return;
        JsonNode l = b.raw(field);
        if (!l.isArray()) {
            b.error(field, "Expected a list of items but got type \"" + Json.pyType(l) + "\".");
            return;
        }
        for (JsonNode d : l) {
            if (!d.path("dependency").isTextual() || !d.path("stream").isTextual()) {
                b.errorNode(field, Json.arr(List.of("Each dependency needs \"dependency\" and \"stream\".")));
                return;
            }
            out.add(new String[]{kind, d.get("dependency").asText(), d.get("stream").asText()});
        }
    }

    /** Look each RPM up by NEVRA; create it through the rpms/ rules when missing (recorded as an rpm change). */
    private static Set<Long> rpms(WriteContext ctx, JsonNode list) {
        Tx tx = ctx.tx();
        Set<Long> out = new LinkedHashSet<>();
        RpmResource rpmResource = new RpmResource();
        for (JsonNode item : list) {
            RpmWriter.Values v;
            try {
                v = RpmWriter.validate(tx, item, false, null);
            } catch (ApiException e) {
                throw new ApiException(e.status(), Json.obj().set("rpms", e.body()));
            }
            Long existing = RpmWriter.findByNevra(tx, v.name(), v.epoch(), v.version(), v.release(), v.arch());
            if (existing == null) {
                existing = RpmWriter.insert(tx, List.of(v)).get(0);
                ctx.changes().created("rpm", existing, rpmResource.export(tx, existing, ctx.request()));
            }
            out.add(existing);
        }
        return out;
    }

    @Override
    public long create(WriteContext ctx, JsonNode body) {
        return save(ctx, body, false, null);
    }

    @Override
    public void update(WriteContext ctx, long pk, JsonNode body, boolean partial) {
        save(ctx, body, partial, pk);
    }

    @Override
    public void delete(WriteContext ctx, long pk) {
        ctx.tx().update("DELETE FROM modules WHERE id = ?", pk);
    }
}
