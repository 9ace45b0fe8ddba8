package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ApiException;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;
import org.fedoraproject.pdcupdater.sandbox.http.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Release-component references in groups and relationships (pdc-api.md 2.10, 2.12): exactly {@code {"id"}}
 * or {@code {"release", "name"}}; errors nest under the field as {@code {"detail": "..."}}.
 */
final class ComponentRefs {
    private ComponentRefs() {
    }

    static long resolve(Tx tx, String field, JsonNode ref) {
        Set<String> keys = new TreeSet<>();
        if (ref != null && ref.isObject()) ref.fieldNames().forEachRemaining(keys::add);
        if (!keys.equals(Set.of("id")) && !keys.equals(Set.of("name", "release"))) {
            throw nested(field, "Only accept ['id'] or ['release', 'name']");
        }
        List<Long> found;
        if (keys.contains("id")) {
            found = ref.get("id").canConvertToLong()
                    ? tx.list("SELECT id FROM release_components WHERE id = ?", rs -> rs.getLong(1), ref.get("id").asLong())
                    : List.of();
        } else {
            found = tx.list("SELECT c.id FROM release_components c JOIN releases r ON r.id = c.release_pk "
                    + "WHERE r.release_id = ? AND c.name = ?", rs -> rs.getLong(1), ref.get("release").asText(), ref.get("name").asText());
        }
        if (found.isEmpty()) throw nested(field, "ReleaseComponent [" + pyRepr(ref) + "] doesn't exist");
        // Real PDC's .get() raises MultipleObjectsReturned here, which ends as its generic 503.
        if (found.size() > 1) throw new IllegalStateException("get() returned more than one ReleaseComponent");
        return found.get(0);
    }

    static ApiException nested(String field, String detail) {
        return new ApiException(400, Json.obj().set(field, ErrorBodies.detail(detail)));
    }

    /** A Python 2 style repr of the input dict, as PDC echoes it. */
    static String pyRepr(JsonNode n) {
        if (n == null || n.isNull()) return "None";
        if (n.isTextual()) return "u'" + n.asText() + "'";
        if (n.isBoolean()) return n.asBoolean() ? "True" : "False";
        if (n.isObject()) {
            List<String> parts = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                parts.add("u'" + e.getKey() + "': " + pyRepr(e.getValue()));
            }
            return "{" + String.join(", ", parts) + "}";
        }
        if (n.isArray()) {
            List<String> parts = new ArrayList<>();
            n.forEach(x -> parts.add(pyRepr(x)));
            return "[" + String.join(", ", parts) + "]";
        }
        return n.asText();
    }
}
