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

/** arches/: list and create only (pdc-api.md 2.2); the only reference data with a create API. */
public final class ArchResource extends Resource {
    private final ListSpec spec = new ListSpec("arches a", "a.id")
            .order("id", "a.id").order("name", "a.name");

    @Override
    public String path() {
        return "arches/";
    }

    @Override
    public String model() {
        return "arch";
    }

    @Override
    public List<String> outputFields() {
        return List.of("name");
    }

    @Override
    public ListSpec listSpec() {
        return spec;
    }

    @Override
    public boolean hasDetail() {
        return false;
    }

    @Override
    public boolean canCreate() {
        return true;
    }

    @Override
    public List<ObjectNode> render(Tx tx, List<Long> pks, ApiRequest req) {
        return Rows.byPk(tx, "SELECT id, name FROM arches WHERE id IN (%s)", pks, rs -> {
            ObjectNode o = Json.obj();
            o.put("name", rs.getString("name"));
            return o;
        });
    }

    @Override
    public long create(WriteContext ctx, JsonNode body) {
        BodyCheck b = BodyCheck.of(body, false, Set.of("name"), Set.of());
        String name = b.requiredString("name", 50);
        b.done();
        if (ctx.tx().exists("SELECT 1 FROM arches WHERE name = ?", name)) {
            throw ErrorBodies.fieldError("name", "arch with this name already exists.");
        }
        return ctx.tx().insert("INSERT INTO arches (name) VALUES (?)", name);
    }
}
