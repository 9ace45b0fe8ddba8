package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.api.BodyCheck;
import org.fedoraproject.pdcupdater.sandbox.api.Filter;
import org.fedoraproject.pdcupdater.sandbox.api.ListSpec;
import org.fedoraproject.pdcupdater.sandbox.api.Resource;
import org.fedoraproject.pdcupdater.sandbox.api.SqlWhere;
import org.fedoraproject.pdcupdater.sandbox.api.WriteContext;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;
import org.fedoraproject.pdcupdater.sandbox.http.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * composes/ (pdc-api.md 2.19): created only by the compose-rpms/compose-images imports; PATCH of three keys,
 * soft DELETE. Default order follows PDC: release short/version, then date, type, respin.
 */
public final class ComposeResource extends Resource {
    static final String FROM = "composes c JOIN releases r ON r.id = c.release_pk JOIN compose_types ct ON ct.id = c.compose_type_pk "
            + "JOIN acceptance_states a ON a.id = c.acceptance_pk";
    private static final List<String> UPDATABLE = List.of("acceptance_testing", "linked_releases", "rtt_tested_architectures");
    private static final String RPM_JOIN = "SELECT 1 FROM variants vv JOIN variant_arches va ON va.variant_pk = vv.id "
            + "JOIN compose_rpms cr ON cr.variant_arch_pk = va.id JOIN rpms p ON p.id = cr.rpm_pk WHERE vv.compose_pk = c.id AND "
            + PendingImports.visible("cr");

    private final ListSpec spec = new ListSpec(FROM, "c.id")
            .filter("release", Filter.multiCi("r.release_id")).filter("compose_id", Filter.multiCi("c.compose_id"))
            .filter("compose_type", Filter.multiCi("ct.name"))
            .multi("acceptance_testing", "a.name").multi("compose_date", "CAST(c.compose_date AS VARCHAR)")
            .multi("compose_respin", "CAST(c.compose_respin AS VARCHAR)").multi("compose_label", "c.compose_label")
            .bool("deleted", "c.deleted")
            .filter("rpm_name", rpmAttr("p.name")).filter("srpm_name", rpmAttr("p.srpm_name"))
            .filter("rpm_version", rpmAttr("p.version")).filter("rpm_release", rpmAttr("p.release"))
            .filter("rpm_arch", rpmAttr("p.arch"))
            .filter("rpm_nvr", (v, w) -> nvr(v.get(v.size() - 1), false, w))
            .filter("rpm_nvra", (v, w) -> nvr(v.get(v.size() - 1), true, w))
            .order("id", "c.id").order("compose_id", "c.compose_id").order("compose_date", "c.compose_date")
            .order("compose_type", "ct.name").order("compose_respin", "c.compose_respin").order("release", "r.release_id")
            .order("compose_label", "c.compose_label").order("deleted", "c.deleted").order("acceptance_testing", "a.name")
            .defaultOrder("r.short", "r.version_sort", "c.compose_date", "c.compose_type_pk", "c.compose_respin");

    /** Single-valued, case-insensitive attribute of an RPM in the compose. Separate EXISTS per attribute. */
    private static Filter rpmAttr(String expr) {
        return (v, w) -> w.add("EXISTS (" + RPM_JOIN + " AND LOWER(" + expr + ") = ?)", v.get(v.size() - 1).toLowerCase(Locale.ROOT));
    }

    private static void nvr(String value, boolean withArch, SqlWhere w) {
        String s = value;
        String arch = null;
        if (withArch) {
            int dot = s.lastIndexOf('.');
            if (dot <= 0) throw ErrorBodies.badRequest("Invalid NVRA: " + value);
            arch = s.substring(dot + 1);
            s = s.substring(0, dot);
        }
        int d2 = s.lastIndexOf('-');
        int d1 = d2 <= 0 ? -1 : s.lastIndexOf('-', d2 - 1);
        if (d1 <= 0) throw ErrorBodies.badRequest((withArch ? "Invalid NVRA: " : "Invalid NVR: ") + value);
        List<Object> args = new ArrayList<>(List.of(s.substring(0, d1), s.substring(d1 + 1, d2), s.substring(d2 + 1)));
        String sql = "EXISTS (" + RPM_JOIN + " AND p.name = ? AND p.version = ? AND p.release = ?";
        if (arch != null) {
            sql += " AND p.arch = ?";
            args.add(arch);
        }
        w.add(sql + ")", args.toArray());
    }

    @Override
    public String path() {
        return "composes/";
    }

    @Override
    public String model() {
        return "compose";
    }

    @Override
    public List<String> outputFields() {
        return List.of("compose_id", "compose_date", "compose_type", "compose_respin", "release", "compose_label",
                "deleted", "rpm_mapping_template", "sigkeys", "acceptance_testing", "linked_releases",
                "rtt_tested_architectures");
    }

    @Override
    public ListSpec listSpec() {
        return spec;
    }

    @Override
    protected String keyExpr() {
        return "c.compose_id";
    }

    @Override
    protected boolean numericKey() {
        return false;
    }

    @Override
    public Object changeId(long pk) {
        return pk;
    }

    @Override
    public boolean canUpdate() {
        return true;
    }

    @Override
    public boolean canPut() {
        return false;
    }

    @Override
    public boolean canDelete() {
        return true;
    }

    /** Composes of an unfinished compose-rpms import are not there yet. */
    @Override
    public void scope(ApiRequest req, SqlWhere where) {
        where.add(PendingImports.visible("c"));
    }

    @Override
    public List<ObjectNode> render(Tx tx, List<Long> pks, ApiRequest req) {
        Map<Long, List<String>> linked = Rows.grouped(tx, "SELECT l.compose_pk, r.release_id FROM compose_linked_releases l "
                + "JOIN releases r ON r.id = l.release_pk WHERE l.compose_pk IN (%s) ORDER BY r.id", pks, rs -> rs.getString(2));
        Map<Long, List<String>> sigkeys = Rows.grouped(tx, "SELECT DISTINCT vv.compose_pk, s.key_id FROM variants vv "
                + "JOIN variant_arches va ON va.variant_pk = vv.id JOIN compose_rpms cr ON cr.variant_arch_pk = va.id AND "
                + PendingImports.visible("cr") + " LEFT JOIN sigkeys s ON s.id = cr.sigkey_pk WHERE vv.compose_pk IN (%s) ORDER BY s.key_id NULLS LAST",
                pks, rs -> rs.getString(2));
        String base = req == null ? "" : req.baseUrl();
        return Rows.byPk(tx, "SELECT c.id, c.compose_id, c.compose_date, ct.name, c.compose_respin, r.release_id, c.compose_label, "
                + "c.deleted, a.name, c.rtt_tested_architectures FROM " + FROM + " WHERE c.id IN (%s)", pks, rs -> {
            ObjectNode o = Json.obj();
            String id = rs.getString(2);
            o.put("compose_id", id);
            o.put("compose_date", rs.getDate(3).toString());
            o.put("compose_type", rs.getString(4));
            o.put("compose_respin", rs.getInt(5));
            o.put("release", rs.getString(6));
            Rows.putNullable(o, "compose_label", rs.getString(7));
            o.put("deleted", rs.getBoolean(8));
            o.put("rpm_mapping_template", base + "/rest_api/v1/composes/" + id + "/rpm-mapping/{{package}}/");
            com.fasterxml.jackson.databind.node.ArrayNode keys = Json.arr();
            for (String k : sigkeys.getOrDefault(rs.getLong(1), List.of())) {
                if (k == null) keys.addNull();
                else keys.add(k);
            }
            o.set("sigkeys", keys);
            o.put("acceptance_testing", rs.getString(9));
            o.set("linked_releases", Json.arr(linked.getOrDefault(rs.getLong(1), List.of())));
            o.set("rtt_tested_architectures", Json.parse(rs.getString(10)));
            return o;
        });
    }

    @Override
    public JsonNode exportOf(ObjectNode rendered) {
        ObjectNode o = rendered.deepCopy();
        o.remove(List.of("rpm_mapping_template", "sigkeys"));
        return o;
    }

    @Override
    public JsonNode export(Tx tx, long pk, ApiRequest req) {
        return exportOf(render(tx, List.of(pk), req).get(0));
    }

    @Override
    public void update(WriteContext ctx, long pk, JsonNode body, boolean partial) {
        Tx tx = ctx.tx();
        ObjectNode b = BodyCheck.requireObject(body);
        List<String> other = new ArrayList<>();
        b.fieldNames().forEachRemaining(k -> {
            if (!UPDATABLE.contains(k)) other.add(k);
        });
        if (!other.isEmpty()) throw ErrorBodies.badRequest("Only these properties can be updated: " + String.join(", ", UPDATABLE));
        BodyCheck check = BodyCheck.of(b, true, Set.copyOf(UPDATABLE), Set.of());
        if (b.has("acceptance_testing")) {
            Long a = Refs.choice(tx, check, "acceptance_testing", "acceptance_states", "name",
                    check.string("acceptance_testing", false, false, false, 200));
            check.done();
            tx.update("UPDATE composes SET acceptance_pk = ? WHERE id = ?", a, pk);
        }
        if (b.has("linked_releases")) {
            JsonNode l = b.get("linked_releases");
            if (!l.isArray()) throw ErrorBodies.fieldError("linked_releases", "Expected a list.");
            long own = tx.longValue("SELECT release_pk FROM composes WHERE id = ?", pk);
            List<Long> rels = new ArrayList<>();
            for (JsonNode n : l) {
                Long r = Refs.slug(tx, check, "linked_releases", "releases", "release_id", n.asText());
                if (r != null && r == own) throw ErrorBodies.badRequestList("Can not link to the release for which the compose was built.");
                if (r != null && !rels.contains(r)) rels.add(r);
            }
            check.done();
            tx.update("DELETE FROM compose_linked_releases WHERE compose_pk = ?", pk);
            for (Long r : rels) tx.update("INSERT INTO compose_linked_releases (compose_pk, release_pk) VALUES (?, ?)", pk, r);
        }
        if (b.has("rtt_tested_architectures")) {
            JsonNode rtt = b.get("rtt_tested_architectures");
            if (!rtt.isObject()) throw ErrorBodies.fieldError("rtt_tested_architectures", "Expected a dictionary.");
            ObjectNode merged = (ObjectNode) Json.parse(tx.string("SELECT rtt_tested_architectures FROM composes WHERE id = ?", pk));
            Iterator<Map.Entry<String, JsonNode>> it = rtt.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isObject()) throw ErrorBodies.fieldError("rtt_tested_architectures", "Expected a dictionary.");
                ObjectNode variant = merged.has(e.getKey()) ? (ObjectNode) merged.get(e.getKey()) : merged.putObject(e.getKey());
                e.getValue().fields().forEachRemaining(a -> {
                    if (!tx.exists("SELECT 1 FROM acceptance_states WHERE name = ?", a.getValue().asText())) {
                        throw ErrorBodies.badRequest("'" + a.getValue().asText() + "' is not allowed value.");
                    }
                    variant.put(a.getKey(), a.getValue().asText());
                });
            }
            tx.update("UPDATE composes SET rtt_tested_architectures = ? WHERE id = ?", Json.write(merged), pk);
        }
    }

    @Override
    public void delete(WriteContext ctx, long pk) {
        if (Boolean.TRUE.equals(ctx.tx().one("SELECT deleted FROM composes WHERE id = ?", rs -> rs.getBoolean(1), pk))) {
            ctx.answer(204, "No change. This compose was marked as deleted already.");
            return;
        }
        ctx.tx().update("UPDATE composes SET deleted = TRUE WHERE id = ?", pk);
    }
}
