package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.api.BodyCheck;
import org.fedoraproject.pdcupdater.sandbox.api.Filter;
import org.fedoraproject.pdcupdater.sandbox.api.ListSpec;
import org.fedoraproject.pdcupdater.sandbox.api.Resource;
import org.fedoraproject.pdcupdater.sandbox.api.WriteContext;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;
import org.fedoraproject.pdcupdater.sandbox.http.Json;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** component-branches/ (pdc-api.md 2.13): dist-git branches of global components, with read-only SLAs and activity. */
public final class ComponentBranchResource extends Resource {
    static final String FROM = "component_branches b JOIN global_components g ON g.id = b.global_component_pk "
            + "JOIN release_component_types t ON t.id = b.type_pk";
    private static final Set<String> WRITABLE = Set.of("global_component", "name", "type", "critical_path");
    private static final Set<String> READ_ONLY = Set.of("id", "slas", "active");

    private final ListSpec spec = new ListSpec(FROM, "b.id")
            .filter("name", Filter.exact("b.name")).filter("global_component", Filter.exact("g.name"))
            .filter("type", Filter.exact("t.name"))
            .filter("active", BranchActivity.filter("b")).bool("critical_path", "b.critical_path")
            .order("id", "b.id").order("name", "b.name").order("global_component", "g.name").order("type", "t.name")
            .order("critical_path", "b.critical_path")
            .defaultOrder("g.name", "b.name", "t.name");

    @Override
    public String path() {
        return "component-branches/";
    }

    @Override
    public String model() {
        return "componentbranch";
    }

    @Override
    public List<String> outputFields() {
        return List.of("id", "global_component", "name", "slas", "type", "active", "critical_path");
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

    @Override
    public boolean canDelete() {
        return true;
    }

    @Override
    public List<ObjectNode> render(Tx tx, List<Long> pks, ApiRequest req) {
        Map<Long, List<ObjectNode>> slas = Rows.grouped(tx, "SELECT bs.branch_pk, bs.id, s.name, bs.eol FROM branch_slas bs "
                + "JOIN slas s ON s.id = bs.sla_pk WHERE bs.branch_pk IN (%s) ORDER BY bs.id", pks, rs -> {
            ObjectNode o = Json.obj();
            o.put("id", rs.getLong(2));
            o.put("sla", rs.getString(3));
            o.put("eol", rs.getDate(4).toString());
            return o;
        });
        Set<Long> active = activeOf(tx, pks);
        return Rows.byPk(tx, "SELECT b.id, g.name, b.name, t.name, b.critical_path FROM " + FROM + " WHERE b.id IN (%s)", pks, rs -> {
            ObjectNode o = Json.obj();
            o.put("id", rs.getLong(1));
            o.put("global_component", rs.getString(2));
            o.put("name", rs.getString(3));
            ArrayNode s = Json.arr();
            slas.getOrDefault(rs.getLong(1), List.of()).forEach(s::add);
            o.set("slas", s);
            o.put("type", rs.getString(4));
            o.put("active", active.contains(rs.getLong(1)));
            o.put("critical_path", rs.getBoolean(5));
            return o;
        });
    }

    /** Which of these branches have an SLA with eol >= today (UTC). */
    static Set<Long> activeOf(Tx tx, List<Long> branchPks) {
        Object[] args = new Object[branchPks.size() + 1];
        args[0] = BranchActivity.today();
        for (int i = 0; i < branchPks.size(); i++) args[i + 1] = branchPks.get(i);
        return new java.util.HashSet<>(tx.list("SELECT DISTINCT branch_pk FROM branch_slas WHERE eol >= ? AND branch_pk IN ("
                + Tx.marks(branchPks.size()) + ")", rs -> rs.getLong(1), args));
    }

    @Override
    public JsonNode export(Tx tx, long pk, ApiRequest req) {
        ObjectNode r = render(tx, List.of(pk), req).get(0);
        ObjectNode o = Json.obj();
        o.put("global_component_name", r.get("global_component").asText());
        o.put("name", r.get("name").asText());
        o.put("type_name", r.get("type").asText());
        ArrayNode slas = Json.arr();
        r.get("slas").forEach(s -> slas.add(Json.obj().put("name", s.get("sla").asText()).put("eol", s.get("eol").asText())));
        o.set("slas", slas);
        o.put("critical_path", r.get("critical_path").asBoolean());
        return o;
    }

    /** Validated branch values; also used by component-branch-slas/ to create a missing branch. */
    record Values(long gcPk, String name, long typePk, boolean criticalPath) {
    }

    static Long find(Tx tx, String gc, String name, String type) {
        return tx.longValue("SELECT b.id FROM " + FROM + " WHERE g.name = ? AND b.name = ? AND t.name = ?", gc, name, type);
    }

    static long insert(Tx tx, Values v) {
        return tx.insert("INSERT INTO component_branches (global_component_pk, name, type_pk, critical_path) VALUES (?, ?, ?, ?)",
                v.gcPk, v.name, v.typePk, v.criticalPath);
    }

    private Values validate(Tx tx, BodyCheck b, Long pk) {
        ObjectNode cur = pk == null ? null : render(tx, List.of(pk), null).get(0);
        boolean keep = b.partial();
        String gc = keep && !b.has("global_component") ? cur.get("global_component").asText() : b.requiredString("global_component", 200);
        Long gcPk = Refs.slug(tx, b, "global_component", "global_components", "name", gc);
        String name = keep && !b.has("name") ? cur.get("name").asText() : b.requiredString("name", 300);
        if (cur != null && name != null && !name.equals(cur.get("name").asText())) {
            b.error("name", "You may not modify the branch's name due to policy");
        }
        String type = keep && !b.has("type") ? cur.get("type").asText() : b.requiredString("type", 100);
        Long typePk = Refs.slug(tx, b, "type", "release_component_types", "name", type);
        Boolean cp = keep && !b.has("critical_path") ? (Boolean) cur.get("critical_path").asBoolean() : b.bool("critical_path", false);
        b.done();
        if (tx.exists("SELECT 1 FROM component_branches WHERE global_component_pk = ? AND name = ? AND type_pk = ? AND id <> ?",
                gcPk, name, typePk, pk == null ? -1L : pk)) {
            throw ErrorBodies.badRequestList("The fields global_component, name, type must make a unique set.");
        }
        return new Values(gcPk, name, typePk, cp != null && cp);
    }

    @Override
    public long create(WriteContext ctx, JsonNode body) {
        return insert(ctx.tx(), validate(ctx.tx(), BodyCheck.of(body, false, WRITABLE, READ_ONLY), null));
    }

    @Override
    public void update(WriteContext ctx, long pk, JsonNode body, boolean partial) {
        Values v = validate(ctx.tx(), BodyCheck.of(body, partial, WRITABLE, READ_ONLY), pk);
        ctx.tx().update("UPDATE component_branches SET global_component_pk = ?, type_pk = ?, critical_path = ? WHERE id = ?",
                v.gcPk, v.typePk, v.criticalPath, pk);
    }

    @Override
    public void delete(WriteContext ctx, long pk) {
        ctx.tx().update("DELETE FROM component_branches WHERE id = ?", pk);
    }
}
