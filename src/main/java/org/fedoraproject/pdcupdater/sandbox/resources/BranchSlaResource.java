package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.api.BodyCheck;
import org.fedoraproject.pdcupdater.sandbox.api.Filter;
import org.fedoraproject.pdcupdater.sandbox.api.ListSpec;
import org.fedoraproject.pdcupdater.sandbox.api.Resource;
import org.fedoraproject.pdcupdater.sandbox.api.WriteContext;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ApiException;
import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;
import org.fedoraproject.pdcupdater.sandbox.http.Json;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * component-branch-slas/ (pdc-api.md 2.15). Creating an SLA creates its branch when missing (recorded in the
 * same changeset); the branch of an existing SLA cannot be changed; retiring = PATCH eol to today.
 */
public final class BranchSlaResource extends Resource {
    private static final String FROM = "branch_slas x JOIN slas s ON s.id = x.sla_pk JOIN component_branches b ON b.id = x.branch_pk "
            + "JOIN global_components g ON g.id = b.global_component_pk JOIN release_component_types t ON t.id = b.type_pk";
    private static final Set<String> WRITABLE = Set.of("sla", "eol", "branch");
    private static final Set<String> BRANCH_KEYS = Set.of("name", "global_component", "type", "critical_path");

    private final ComponentBranchResource branches;
    private final ListSpec spec = new ListSpec(FROM, "x.id")
            .multi("sla", "s.name").multi("branch", "b.name").multi("global_component", "g.name")
            .multi("branch_type", "t.name")
            .filter("eol", (v, w) -> w.add("x.eol = ?", date("eol", v.get(v.size() - 1))))
            .filter("eol_after", (v, w) -> w.add("x.eol >= ?", date("eol_after", v.get(v.size() - 1))))
            .filter("eol_before", (v, w) -> w.add("x.eol <= ?", date("eol_before", v.get(v.size() - 1))))
            .filter("branch_active", BranchActivity.filter("b"))
            .filter("branch_critical_path", Filter.bool("b.critical_path"))
            .order("id", "x.id").order("sla", "s.name").order("eol", "x.eol").order("branch", "b.name")
            .defaultOrder("g.name", "b.name");

    public BranchSlaResource(ComponentBranchResource branches) {
        this.branches = branches;
    }

    private static Date date(String param, String v) {
        try {
            return Date.valueOf(LocalDate.parse(v.trim()));
        } catch (RuntimeException e) {
            throw ErrorBodies.fieldError(param, "Enter a valid date.");
        }
    }

    @Override
    public String path() {
        return "component-branch-slas/";
    }

    @Override
    public String model() {
        return "slatocomponentbranch";
    }

    @Override
    public List<String> outputFields() {
        return List.of("id", "sla", "branch", "eol");
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
        List<Long> branchPks = tx.list("SELECT DISTINCT branch_pk FROM branch_slas WHERE id IN (" + Tx.marks(pks.size()) + ")",
                rs -> rs.getLong(1), pks.toArray());
        Set<Long> active = branchPks.isEmpty() ? Set.of() : ComponentBranchResource.activeOf(tx, branchPks);
        return Rows.byPk(tx, "SELECT x.id, s.name, x.eol, b.id, b.name, g.name, t.name, b.critical_path FROM " + FROM
                + " WHERE x.id IN (%s)", pks, rs -> {
            ObjectNode o = Json.obj();
            o.put("id", rs.getLong(1));
            o.put("sla", rs.getString(2));
            ObjectNode br = Json.obj();
            br.put("id", rs.getLong(4));
            br.put("name", rs.getString(5));
            br.put("global_component", rs.getString(6));
            br.put("type", rs.getString(7));
            br.put("active", active.contains(rs.getLong(4)));
            br.put("critical_path", rs.getBoolean(8));
            o.set("branch", br);
            o.put("eol", rs.getDate(3).toString());
            return o;
        });
    }

    @Override
    public JsonNode export(Tx tx, long pk, ApiRequest req) {
        ObjectNode r = render(tx, List.of(pk), req).get(0);
        return Json.obj().put("sla", r.get("sla").asText()).put("branch", r.get("branch").get("name").asText())
                .put("eol", r.get("eol").asText());
    }

    @Override
    public long create(WriteContext ctx, JsonNode body) {
        Tx tx = ctx.tx();
        BodyCheck b = BodyCheck.of(body, false, WRITABLE, Set.of("id"));
        Long slaPk = Refs.slug(tx, b, "sla", "slas", "name", b.requiredString("sla", 300));
        LocalDate eol = b.date("eol", true);
        JsonNode branch = b.raw("branch");
        if (branch == null) {
            b.error("branch", "This field is required.");
        } else if (!branch.isObject()) {
            b.errorNode("branch", Json.obj().set("non_field_errors",
                    Json.arr(List.of("Invalid data. Expected a dictionary, but got " + Json.pyType(branch) + "."))));
        }
        b.done();
        BodyCheck bb = BodyCheck.of(branch, false, BRANCH_KEYS, Set.of());
        String name = bb.requiredString("name", 300);
        String gc = bb.requiredString("global_component", 200);
        String type = bb.requiredString("type", 100);
        Boolean cp = bb.bool("critical_path", false);
        Long gcPk = Refs.slug(tx, bb, "global_component", "global_components", "name", gc);
        Long typePk = Refs.slug(tx, bb, "type", "release_component_types", "name", type);
        if (bb.hasErrors()) {
            ObjectNode nested = Json.obj();
            nested.set("branch", errorsOf(bb));
            throw new ApiException(400, nested);
        }
        Long branchPk = ComponentBranchResource.find(tx, gc, name, type);
        if (branchPk == null) {
            branchPk = ComponentBranchResource.insert(tx, new ComponentBranchResource.Values(gcPk, name, typePk, cp != null && cp));
            ctx.changes().created("componentbranch", branchPk, branches.export(tx, branchPk, ctx.request()));
        } else if (cp != null && cp != tx.one("SELECT critical_path FROM component_branches WHERE id = ?",
                rs -> rs.getBoolean(1), branchPk)) {
            throw ErrorBodies.fieldError("branch.critical_path",
                    "The found branch's critical_path field did not match the supplied value");
        }
        if (tx.exists("SELECT 1 FROM branch_slas WHERE sla_pk = ? AND branch_pk = ?", slaPk, branchPk)) {
            throw ErrorBodies.fieldError("branch", "The SLA \"" + Refs.name(tx, "slas", "name", slaPk) + "\" tied to the component \""
                    + gc + "\" and branch \"" + name + "\" already exists");
        }
        return tx.insert("INSERT INTO branch_slas (sla_pk, branch_pk, eol) VALUES (?, ?, ?)", slaPk, branchPk, Date.valueOf(eol));
    }

    private static JsonNode errorsOf(BodyCheck bb) {
        try {
            bb.done();
            return Json.obj();
        } catch (ApiException e) {
            return e.body();
        }
    }

    @Override
    public void update(WriteContext ctx, long pk, JsonNode body, boolean partial) {
        Tx tx = ctx.tx();
        BodyCheck b = BodyCheck.of(body, partial, WRITABLE, Set.of("id"));
        ObjectNode cur = render(tx, List.of(pk), ctx.request()).get(0);
        Long slaPk = partial && !b.has("sla") ? tx.longValue("SELECT sla_pk FROM branch_slas WHERE id = ?", pk)
                : Refs.slug(tx, b, "sla", "slas", "name", b.requiredString("sla", 300));
        LocalDate eol = partial && !b.has("eol") ? LocalDate.parse(cur.get("eol").asText()) : b.date("eol", true);
        if (b.has("branch")) {
            JsonNode br = b.raw("branch");
            JsonNode cb = cur.get("branch");
            boolean same = br.isObject() && br.path("name").asText().equals(cb.get("name").asText())
                    && br.path("global_component").asText().equals(cb.get("global_component").asText())
                    && br.path("type").asText().equals(cb.get("type").asText())
                    && (!br.has("critical_path") || br.get("critical_path").asBoolean() == cb.get("critical_path").asBoolean());
            if (!same) b.error("branch", "The branch cannot be modified using this API");
        } else if (!partial) {
            b.error("branch", "This field is required.");
        }
        b.done();
        long branchPk = cur.get("branch").get("id").asLong();
        if (tx.exists("SELECT 1 FROM branch_slas WHERE sla_pk = ? AND branch_pk = ? AND id <> ?", slaPk, branchPk, pk)) {
            throw ErrorBodies.fieldError("branch", "The SLA \"" + Refs.name(tx, "slas", "name", slaPk) + "\" tied to the component \""
                    + cur.get("branch").get("global_component").asText() + "\" and branch \""
                    + cur.get("branch").get("name").asText() + "\" already exists");
        }
        tx.update("UPDATE branch_slas SET sla_pk = ?, eol = ? WHERE id = ?", slaPk, Date.valueOf(eol), pk);
    }

    @Override
    public void delete(WriteContext ctx, long pk) {
        ctx.tx().update("DELETE FROM branch_slas WHERE id = ?", pk);
    }
}
