package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.http.ApiException;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a productmd composeinfo.json the imports use: compose identity and the (recursive) variants
 * with their arches and relative paths. Anything unreadable is PDC's "Error parsing productmd metadata.".
 */
record ComposeInfo(String id, String date, String type, int respin, String label, List<Variant> variants) {

    record Variant(String uid, String id, String name, String type, List<String> arches, Map<String, Map<String, String>> paths) {
    }

    static ApiException parseError(String reason) {
        ObjectNode o = ErrorBodies.detail("Error parsing productmd metadata.");
        o.put("reason", reason);
        return new ApiException(400, o);
    }

    /** payload.compose of any productmd document (composeinfo, rpms, images). */
    static JsonNode composeOf(JsonNode doc, String what) {
        if (doc == null || !doc.isObject()) throw parseError(what + " is not a JSON object");
        JsonNode c = doc.path("payload").path("compose");
        if (!c.isObject() || !c.path("id").isTextual()) throw parseError(what + ": missing payload.compose.id");
        return c;
    }

    static ComposeInfo parse(JsonNode doc) {
        JsonNode c = composeOf(doc, "composeinfo");
        String date = c.path("date").asText("");
        if (!date.matches("\\d{8}")) throw parseError("composeinfo: invalid compose date '" + date + "'");
        if (!c.path("type").isTextual()) throw parseError("composeinfo: missing compose type");
        if (!c.path("respin").canConvertToInt()) throw parseError("composeinfo: missing compose respin");
        JsonNode vs = doc.path("payload").path("variants");
        if (!vs.isObject()) throw parseError("composeinfo: missing payload.variants");
        List<Variant> variants = new ArrayList<>();
        collect(vs, null, variants);
        String label = c.path("label").isTextual() && !c.get("label").asText().isEmpty() ? c.get("label").asText() : null;
        return new ComposeInfo(c.get("id").asText(), date, c.get("type").asText(), c.get("respin").asInt(), label, variants);
    }

    private static void collect(JsonNode vs, String parentUid, List<Variant> out) {
        vs.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            String id = v.path("id").asText(e.getKey());
            String uid = v.path("uid").asText(parentUid == null ? id : parentUid + "-" + id);
            if (!v.path("arches").isArray()) throw parseError("composeinfo: variant " + uid + " has no arches");
            List<String> arches = new ArrayList<>();
            v.get("arches").forEach(a -> arches.add(a.asText()));
            Map<String, Map<String, String>> paths = new LinkedHashMap<>();
            v.path("paths").fields().forEachRemaining(p -> {
                Map<String, String> perArch = new LinkedHashMap<>();
                p.getValue().fields().forEachRemaining(a -> perArch.put(a.getKey(), a.getValue().asText()));
                paths.put(p.getKey(), perArch);
            });
            out.add(new Variant(uid, id, v.path("name").asText(id), v.path("type").asText("variant"), arches, paths));
            if (v.path("variants").isObject()) collect(v.get("variants"), uid, out);
        });
    }

    /** compose_date as ISO (YYYY-MM-DD). */
    String isoDate() {
        return date.substring(0, 4) + "-" + date.substring(4, 6) + "-" + date.substring(6);
    }
}
