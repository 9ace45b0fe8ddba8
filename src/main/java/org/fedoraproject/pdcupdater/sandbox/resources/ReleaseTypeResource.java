package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.api.Filter;
import org.fedoraproject.pdcupdater.sandbox.api.ListSpec;
import org.fedoraproject.pdcupdater.sandbox.api.Resource;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;
import org.fedoraproject.pdcupdater.sandbox.http.Json;

import java.util.List;

/** release-types/: read-only seeded data (pdc-api.md 2.3). */
public final class ReleaseTypeResource extends Resource {
    private final ListSpec spec = new ListSpec("release_types t", "t.id")
            .multi("short", "t.short").filter("name", Filter.contains("t.name"))
            .order("id", "t.id").order("short", "t.short").order("name", "t.name").order("suffix", "t.suffix");

    @Override
    public String path() {
        return "release-types/";
    }

    @Override
    public String model() {
        return "releasetype";
    }

    @Override
    public List<String> outputFields() {
        return List.of("short", "name", "suffix");
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
        return Rows.byPk(tx, "SELECT id, short, name, suffix FROM release_types WHERE id IN (%s)", pks, rs -> {
            ObjectNode o = Json.obj();
            o.put("short", rs.getString("short"));
            o.put("name", rs.getString("name"));
            o.put("suffix", rs.getString("suffix"));
            return o;
        });
    }
}
