package org.fedoraproject.pdcupdater.source.groups;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.source.distgit.RepoRef;
import org.fedoraproject.pdcupdater.source.http.JsonFields;
import org.fedoraproject.pdcupdater.source.http.JsonHttp;

/**
 * Reads the list of component groups to keep in PDC from a small JSON file:
 *
 * <pre>{@code
 * {"groups": [
 *   {"group_type": "atomic-docker-host",
 *    "repo": "fedora-atomic",                      // or "namespace/name"
 *    "path": "fedora-atomic-docker-host.json",
 *    "arches": [],                                 // optional
 *    "follow_includes": false,                     // optional
 *    "releases": {"fedora-28": "master", "fedora-27-updates": "f27"}}
 * ]}
 * }</pre>
 */
public final class ComponentGroupConfig {

    private ComponentGroupConfig() {
    }

    public static List<ComponentGroupSpec> load(InputStream in) {
        try {
            return parse(JsonHttp.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("component group configuration is not valid JSON", e);
        }
    }

    public static List<ComponentGroupSpec> parse(JsonNode root) {
        List<ComponentGroupSpec> specs = new ArrayList<>();
        JsonNode groups = root == null ? null : root.get("groups");
        if (groups == null || !groups.isArray()) {
            throw new IllegalArgumentException("component group configuration needs a \"groups\" list");
        }
        for (JsonNode g : groups) {
            String type = required(g, "group_type");
            Map<String, String> releases = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = g.path("releases").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                releases.put(e.getKey(), e.getValue().asText());
            }
            if (releases.isEmpty()) {
                throw new IllegalArgumentException("group " + type + " maps no release to a branch");
            }
            specs.add(new ComponentGroupSpec(type, RepoRef.parse(required(g, "repo")), required(g, "path"),
                    releases, JsonFields.texts(g, "arches"), JsonFields.bool(g, "follow_includes")));
        }
        return specs;
    }

    private static String required(JsonNode g, String field) {
        String value = JsonFields.text(g, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("component group entry lacks \"" + field + "\": " + g);
        }
        return value;
    }
}
