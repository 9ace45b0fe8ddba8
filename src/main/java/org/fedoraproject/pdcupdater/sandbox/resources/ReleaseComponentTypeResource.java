package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.api.ListSpec;
import org.fedoraproject.pdcupdater.sandbox.api.Resource;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;
import org.fedoraproject.pdcupdater.sandbox.http.Json;

import java.util.List;

/** release-component-types/: read-only; admins add types in real PDC (pdc-api.md 2.6). */
public final class ReleaseComponentTypeResource extends Resource {
    private final ListSpec spec = new ListSpec("release_component_types t", "t.id")
            .multi("name", "t.name")
            .order("id", "t.id").order("name", "t.name").order("has_osbs", "t.has_osbs");

    @Override
    public String path() {
        return "release-component-types/";
    }

    @Override
    public String model() {
        return "releasecomponenttype";
    }

    @Override
    public List<String> outputFields() {
        return List.of("name", "has_osbs");
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
    public List<ObjectNode> render(Tx tx, List<Long> pks, ApiRequest req) {
        return Rows.byPk(tx, "SELECT id, name, has_osbs FROM release_component_types WHERE id IN (%s)", pks, rs -> {
            ObjectNode o = Json.obj();
            o.put("name", rs.getString("name"));
            o.put("has_osbs", rs.getBoolean("has_osbs"));
            return o;
        });
    }
}
