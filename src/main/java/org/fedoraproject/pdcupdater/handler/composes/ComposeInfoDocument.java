package org.fedoraproject.pdcupdater.handler.composes;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A compose's composeinfo.json, checked and prepared for PDC: the compose id, the PDC release it belongs to, the
 * arches of its variants, and the document to embed in the imports (with {@code release.short} lower-cased, because
 * PDC accepts only lower-case release shorts, as the original updater did).
 *
 * <p>Release id, as PDC computes it (pdc-api.md 2.4): {@code <short>-<version>}, plus {@code -<type>} unless the
 * type is {@code ga} (composeinfo 1.0 has no type: ga), plus {@code @<base short>-<base version>} for a layered
 * product.
 */
record ComposeInfoDocument(String composeId, String releaseId, Set<String> arches, ObjectNode document) {

    static ComposeInfoDocument parse(JsonNode composeinfo, String url) {
        if (composeinfo == null || !composeinfo.isObject()) {
            throw invalid(url, "not a JSON object");
        }
        JsonNode payload = composeinfo.path("payload");
        String id = payload.path("compose").path("id").asText("");
        if (id.isBlank()) {
            throw invalid(url, "no payload.compose.id");
        }
        JsonNode release = payload.path("release");
        String shortName = release.path("short").asText("");
        String version = release.path("version").asText("");
        if (shortName.isBlank() || version.isBlank()) {
            throw invalid(url, "no payload.release.short / version");
        }
        if (!payload.path("variants").isObject() || payload.path("variants").isEmpty()) {
            throw invalid(url, "no payload.variants");
        }
        Set<String> arches = new TreeSet<>();
        collectArches(payload.path("variants"), arches, url);
        ObjectNode document = composeinfo.deepCopy();
        ((ObjectNode) document.path("payload").path("release")).put("short", shortName.toLowerCase(Locale.ROOT));
        return new ComposeInfoDocument(id, releaseId(release, payload.path("base_product")), arches, document);
    }

    static String releaseId(JsonNode release, JsonNode baseProduct) {
        String id = release.path("short").asText().toLowerCase(Locale.ROOT) + "-" + release.path("version").asText();
        String type = release.path("type").asText("ga");
        if (!type.isBlank() && !type.equals("ga")) {
            id += "-" + type;
        }
        if (baseProduct.isObject() && baseProduct.path("short").isTextual()) {
            id += "@" + baseProduct.path("short").asText().toLowerCase(Locale.ROOT) + "-"
                    + baseProduct.path("version").asText();
        }
        return id;
    }

    private static void collectArches(JsonNode variants, Set<String> arches, String url) {
        variants.fields().forEachRemaining(v -> {
            JsonNode list = v.getValue().path("arches");
            if (!list.isArray()) {
                throw invalid(url, "variant " + v.getKey() + " has no arches");
            }
            list.forEach(a -> arches.add(a.asText()));
            if (v.getValue().path("variants").isObject()) {
                collectArches(v.getValue().path("variants"), arches, url);
            }
        });
    }

    private static InvalidComposeMetadataException invalid(String url, String what) {
        return new InvalidComposeMetadataException("composeinfo.json at " + url + " is not usable productmd: " + what);
    }
}
