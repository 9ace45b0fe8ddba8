package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.api.BodyCheck;
import org.fedoraproject.pdcupdater.sandbox.api.ListSpec;
import org.fedoraproject.pdcupdater.sandbox.api.Resource;
import org.fedoraproject.pdcupdater.sandbox.api.WriteContext;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ApiException;
import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * bugzilla-components/ (pdc-api.md 2.8). Its create is a get-or-create answering 200 + pdc-warning for an
 * existing (name, parent), and its errors are hand-written strings in PDC's view, reproduced here.
 */
public final class BugzillaComponentResource extends Resource {
    private static final Set<String> WRITABLE = Set.of("name", "parent_pk");
    private static final Set<String> READ_ONLY = Set.of("id", "parent_component", "subcomponents");

    private final ListSpec spec = new ListSpec("bugzilla_components b LEFT JOIN bugzilla_components p ON p.id = b.parent_id", "b.id")
            .multi("name", "b.name").multi("parent_component", "p.name")
            .order("id", "b.id").order("name", "b.name").order("parent_component", "p.name");

    @Override
    public String path() {
        return "bugzilla-components/";
    }

    @Override
    public String model() {
        return "bugzillacomponent";
    }

    @Override
    public List<String> outputFields() {
        return List.of("id", "name", "parent_component", "subcomponents");
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
        List<ObjectNode> out = new ArrayList<>();
        for (Long pk : pks) {
            ObjectNode o = BugzillaTree.render(tx, pk);
            if (o != null) out.add(o);
        }
        return out;
    }

    private static ObjectNode checked(JsonNode body, boolean partial) {
        return BodyCheck.of(body, partial, WRITABLE, READ_ONLY).body();
    }

    /** @return parent pk, or null for a root; validates like PDC's view */
    private static Long parent(Tx tx, JsonNode raw) {
        if (raw == null || raw.isNull()) return null;
        if (!raw.isIntegralNumber()) throw ErrorBodies.badRequest("Parent_pk is not typeof int or Nonetype.");
        long p = raw.longValue();
        if (!tx.exists("SELECT 1 FROM bugzilla_components WHERE id = ?", p)) {
            throw new ApiException(404, ErrorBodies.detail("Parent bugzilla component with pk " + p + " does not exist"));
        }
        return p;
    }

    private static String name(JsonNode raw) {
        if (raw == null || raw.isNull() || raw.asText().isBlank()) throw ErrorBodies.badRequest("Missing bugzilla component name.");
        String n = raw.asText();
        if (n.contains("/")) throw ErrorBodies.fieldError("name", "Name of bugzilla component should not contain '/'");
        return n;
    }

    private static Long existing(Tx tx, String name, Long parent) {
        return parent == null
                ? tx.longValue("SELECT id FROM bugzilla_components WHERE name = ? AND parent_id IS NULL", name)
                : tx.longValue("SELECT id FROM bugzilla_components WHERE name = ? AND parent_id = ?", name, parent);
    }

    @Override
    public long create(WriteContext ctx, JsonNode body) {
        ObjectNode b = checked(body, false);
        String name = name(b.get("name"));
        Long parent = parent(ctx.tx(), b.get("parent_pk"));
        Long found = existing(ctx.tx(), name, parent);
        if (found != null) {
            ctx.answer(200, "The bugzilla component already exists");
            return found;
        }
        return ctx.tx().insert("INSERT INTO bugzilla_components (name, parent_id) VALUES (?, ?)", name, parent);
    }

    @Override
    public void update(WriteContext ctx, long pk, JsonNode body, boolean partial) {
        ObjectNode b = checked(body, partial);
        Tx tx = ctx.tx();
        if (!partial && (!b.has("name") || !b.has("parent_pk"))) {
            throw ErrorBodies.badRequest("PUT for full fields update, filed 'name' or 'parent_pk' is missing");
        }
        Object[] cur = tx.one("SELECT name, parent_id FROM bugzilla_components WHERE id = ?",
                rs -> new Object[]{rs.getString(1), rs.getObject(2) == null ? null : rs.getLong(2)}, pk);
        String name = b.has("name") ? name(b.get("name")) : (String) cur[0];
        Long parent = b.has("parent_pk") ? parent(tx, b.get("parent_pk")) : (Long) cur[1];
        Long clash = existing(tx, name, parent);
        if (clash != null && clash != pk) {
            throw ErrorBodies.badRequest("Bugzilla component with this Name and Parent component already exists.");
        }
        tx.update("UPDATE bugzilla_components SET name = ?, parent_id = ? WHERE id = ?", name, parent, pk);
    }

    @Override
    public void delete(WriteContext ctx, long pk) {
        // ON DELETE CASCADE removes descendants, SET NULL clears release components' references.
        ctx.tx().update("DELETE FROM bugzilla_components WHERE id = ?", pk);
    }
}
