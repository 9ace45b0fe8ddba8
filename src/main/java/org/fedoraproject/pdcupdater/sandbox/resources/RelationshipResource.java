package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.api.BodyCheck;
import org.fedoraproject.pdcupdater.sandbox.api.ListSpec;
import org.fedoraproject.pdcupdater.sandbox.api.Resource;
import org.fedoraproject.pdcupdater.sandbox.api.WriteContext;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;
import org.fedoraproject.pdcupdater.sandbox.http.Json;

import java.util.List;
import java.util.Set;

/** release-component-relationships/ (pdc-api.md 2.12): typed edges between release components. */
public final class RelationshipResource extends Resource {
    private static final String FROM = "component_relationships x JOIN relationship_types t ON t.id = x.type_pk "
            + "JOIN release_components fc ON fc.id = x.from_pk JOIN releases fr ON fr.id = fc.release_pk "
            + "JOIN release_components tc ON tc.id = x.to_pk JOIN releases tr ON tr.id = tc.release_pk";
    private static final Set<String> WRITABLE = Set.of("type", "from_component", "to_component");

    private final ListSpec spec = new ListSpec(FROM, "x.id")
            .multi("type", "t.name")
            .multi("from_component_release", "fr.release_id").multi("from_component_name", "fc.name")
            .multi("to_component_release", "tr.release_id").multi("to_component_name", "tc.name")
            .order("id", "x.id").order("type", "t.name").order("from_component", "fc.name").order("to_component", "tc.name");

    @Override
    public String path() {
        return "release-component-relationships/";
    }

    @Override
    public String model() {
        return "releasecomponentrelationship";
    }

    @Override
    public List<String> outputFields() {
        return List.of("id", "type", "from_component", "to_component");
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
        return Rows.byPk(tx, "SELECT x.id, t.name, fc.id, fc.name, fr.release_id, tc.id, tc.name, tr.release_id FROM "
                + FROM + " WHERE x.id IN (%s)", pks, rs -> {
            ObjectNode o = Json.obj();
            o.put("id", rs.getLong(1));
            o.put("type", rs.getString(2));
            o.set("from_component", Json.obj().put("id", rs.getLong(3)).put("name", rs.getString(4)).put("release", rs.getString(5)));
            o.set("to_component", Json.obj().put("id", rs.getLong(6)).put("name", rs.getString(7)).put("release", rs.getString(8)));
            return o;
        });
    }

    private long save(WriteContext ctx, JsonNode body, boolean partial, Long pk) {
        Tx tx = ctx.tx();
        BodyCheck b = BodyCheck.of(body, partial, WRITABLE, Set.of("id"));
        Object[] cur = pk == null ? null : tx.one("SELECT type_pk, from_pk, to_pk FROM component_relationships WHERE id = ?",
                rs -> new Object[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)}, pk);
        Long typePk = partial && !b.has("type") ? (Long) cur[0]
                : Refs.choice(tx, b, "type", "relationship_types", "name", b.requiredString("type", 100));
        if (!partial) {
            if (!b.has("from_component")) b.error("from_component", "This field is required.");
            if (!b.has("to_component")) b.error("to_component", "This field is required.");
        }
        b.done();
        long from = b.has("from_component") ? ComponentRefs.resolve(tx, "from_component", b.raw("from_component")) : (Long) cur[1];
        long to = b.has("to_component") ? ComponentRefs.resolve(tx, "to_component", b.raw("to_component")) : (Long) cur[2];
        if (tx.exists("SELECT 1 FROM component_relationships WHERE type_pk = ? AND from_pk = ? AND to_pk = ? AND id <> ?",
                typePk, from, to, pk == null ? -1L : pk)) {
            throw ErrorBodies.badRequestList("The fields relation_type, from_component, to_component must make a unique set.");
        }
        if (pk == null) {
            return tx.insert("INSERT INTO component_relationships (type_pk, from_pk, to_pk) VALUES (?, ?, ?)", typePk, from, to);
        }
        tx.update("UPDATE component_relationships SET type_pk = ?, from_pk = ?, to_pk = ? WHERE id = ?", typePk, from, to, pk);
        return pk;
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
        ctx.tx().update("DELETE FROM component_relationships WHERE id = ?", pk);
    }
}
