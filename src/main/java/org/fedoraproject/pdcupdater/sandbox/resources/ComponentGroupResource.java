package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.api.BodyCheck;
import org.fedoraproject.pdcupdater.sandbox.api.ListSpec;
import org.fedoraproject.pdcupdater.sandbox.api.Resource;
import org.fedoraproject.pdcupdater.sandbox.api.SqlWhere;
import org.fedoraproject.pdcupdater.sandbox.api.WriteContext;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;
import org.fedoraproject.pdcupdater.sandbox.http.Json;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** component-groups/ (pdc-api.md 2.10): typed groups of release components of one release. */
public final class ComponentGroupResource extends Resource {
    private static final String FROM = "component_groups cg JOIN group_types gt ON gt.id = cg.group_type_pk "
            + "JOIN releases r ON r.id = cg.release_pk";
    private static final Set<String> WRITABLE = Set.of("group_type", "release", "description", "components");

    private final ListSpec spec = new ListSpec(FROM, "cg.id")
            .multi("group_type", "gt.name").multi("release", "r.release_id")
            .filter("release_component", (v, w) -> {
                SqlWhere sub = new SqlWhere().in("rc.name", v);
                w.add("EXISTS (SELECT 1 FROM component_group_members m JOIN release_components rc ON rc.id = m.component_pk"
                        + sub.sql() + " AND m.group_pk = cg.id)", sub.args().toArray());
            })
            .order("id", "cg.id").order("group_type", "gt.name").order("release", "r.release_id")
            .order("description", "cg.description");

    @Override
    public String path() {
        return "component-groups/";
    }

    @Override
    public String model() {
        return "releasecomponentgroup";
    }

    @Override
    public List<String> outputFields() {
        return List.of("id", "group_type", "description", "release", "components");
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
        Map<Long, List<ObjectNode>> members = Rows.grouped(tx, "SELECT m.group_pk, rc.id, rc.name FROM component_group_members m "
                + "JOIN release_components rc ON rc.id = m.component_pk WHERE m.group_pk IN (%s) ORDER BY rc.id", pks, rs -> {
            ObjectNode o = Json.obj();
            o.put("id", rs.getLong(2));
            o.put("name", rs.getString(3));
            return o;
        });
        return Rows.byPk(tx, "SELECT cg.id, gt.name, cg.description, r.release_id FROM " + FROM + " WHERE cg.id IN (%s)", pks, rs -> {
            ObjectNode o = Json.obj();
            o.put("id", rs.getLong(1));
            o.put("group_type", rs.getString(2));
            o.put("description", rs.getString(3));
            o.put("release", rs.getString(4));
            ArrayNode comps = Json.arr();
            members.getOrDefault(rs.getLong(1), List.of()).forEach(comps::add);
            o.set("components", comps);
            return o;
        });
    }

    private long save(WriteContext ctx, JsonNode body, boolean partial, Long pk) {
        Tx tx = ctx.tx();
        BodyCheck b = BodyCheck.of(body, partial, WRITABLE, Set.of("id"));
        ObjectNode cur = pk == null ? null : render(tx, List.of(pk), null).get(0);
        boolean keep = partial;
        String type = keep && !b.has("group_type") ? cur.get("group_type").asText() : b.requiredString("group_type", 255);
        Long typePk = Refs.slug(tx, b, "group_type", "group_types", "name", type);
        String release = keep && !b.has("release") ? cur.get("release").asText() : b.requiredString("release", 200);
        Long releasePk = Refs.slug(tx, b, "release", "releases", "release_id", release);
        String description = keep && !b.has("description") ? cur.get("description").asText() : b.requiredString("description", 200);
        b.done();
        Set<Long> members = null;
        if (b.has("components")) {
            JsonNode comps = b.raw("components");
            if (!comps.isArray()) {
                throw ComponentRefs.nested("components", "Only accept ['id'] or ['release', 'name']");
            }
            members = new LinkedHashSet<>();
            for (JsonNode ref : comps) members.add(ComponentRefs.resolve(tx, "components", ref));
            for (Long m : members) {
                Object[] row = tx.one("SELECT rc.name, r.release_id, rc.release_pk FROM release_components rc "
                        + "JOIN releases r ON r.id = rc.release_pk WHERE rc.id = ?", rs -> new Object[]{rs.getString(1),
                        rs.getString(2), rs.getLong(3)}, m);
                if (!row[2].equals(releasePk)) {
                    throw ErrorBodies.badRequestList("Not allow to group release_component[" + row[0] + "] <release["
                            + row[1] + "]> with other release[" + release + "].");
                }
            }
        }
        if (tx.exists("SELECT 1 FROM component_groups WHERE group_type_pk = ? AND release_pk = ? AND description = ? AND id <> ?",
                typePk, releasePk, description, pk == null ? -1L : pk)) {
            throw ErrorBodies.badRequestList("The fields group_type, release, description must make a unique set.");
        }
        long id;
        if (pk == null) {
            id = tx.insert("INSERT INTO component_groups (group_type_pk, release_pk, description) VALUES (?, ?, ?)",
                    typePk, releasePk, description);
        } else {
            id = pk;
            tx.update("UPDATE component_groups SET group_type_pk = ?, release_pk = ?, description = ? WHERE id = ?",
                    typePk, releasePk, description, pk);
        }
        if (members == null && pk == null) members = Set.of();
        if (members != null) {
            tx.update("DELETE FROM component_group_members WHERE group_pk = ?", id);
            for (Long m : new ArrayList<>(members)) {
                tx.update("INSERT INTO component_group_members (group_pk, component_pk) VALUES (?, ?)", id, m);
            }
        }
        return id;
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
        ctx.tx().update("DELETE FROM component_groups WHERE id = ?", pk);
    }
}
