package org.fedoraproject.pdcupdater.handler.composes;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A compose's images.json ({@code payload.images.<variant>.<arch> = [image, ...]}), checked before anything is
 * written: every image needs a path, a sha256, a format, a type, an arch and a size, which is what PDC stores (plus
 * md5/sha1, volume id and the rest when given). Small (kilobytes), so it is held as a tree.
 */
record ImageManifest(JsonNode document, int images, Set<String> arches) {

    static ImageManifest parse(JsonNode doc, String composeId, String url) {
        if (doc == null || !doc.isObject()) {
            throw invalid(url, "not a JSON object");
        }
        String id = doc.path("payload").path("compose").path("id").asText("");
        if (!id.equals(composeId)) {
            throw new InvalidComposeMetadataException("images.json at " + url + " is for compose '" + id
                    + "', composeinfo.json for '" + composeId + "'");
        }
        JsonNode variants = doc.path("payload").path("images");
        if (!variants.isObject()) {
            throw invalid(url, "no payload.images");
        }
        int[] count = {0};
        Set<String> arches = new TreeSet<>();
        variants.fields().forEachRemaining(v -> v.getValue().fields().forEachRemaining(a -> {
            if (!a.getValue().isArray()) {
                throw invalid(url, "payload.images." + v.getKey() + "." + a.getKey() + " is not a list");
            }
            arches.add(a.getKey());
            for (JsonNode image : a.getValue()) {
                String where = "image " + count[0] + " of " + v.getKey() + "." + a.getKey();
                for (String field : new String[]{"path", "format", "type", "arch"}) {
                    if (!image.path(field).isTextual() || image.path(field).asText().isBlank()) {
                        throw invalid(url, where + " has no " + field);
                    }
                }
                if (!image.path("checksums").path("sha256").isTextual()) {
                    throw invalid(url, where + " has no checksums.sha256");
                }
                if (!image.path("size").canConvertToLong()) {
                    throw invalid(url, where + " has no size");
                }
                arches.add(image.path("arch").asText());
                count[0]++;
            }
        }));
        return new ImageManifest(doc, count[0], arches);
    }

    /** What the audit compares, by file name: the fields PDC's {@code images/} shows for an image. */
    SortedMap<String, String> expected() {
        SortedMap<String, String> out = new TreeMap<>();
        document.path("payload").path("images").fields().forEachRemaining(v -> v.getValue().fields()
                .forEachRemaining(a -> a.getValue().forEach(image -> {
                    String path = image.path("path").asText();
                    String fileName = path.substring(path.lastIndexOf('/') + 1);
                    JsonNode sums = image.path("checksums");
                    out.putIfAbsent(fileName, describe(image.path("format").asText(), image.path("type").asText(),
                            image.path("arch").asText(), image.path("size").asLong(), sums.path("sha256").asText(),
                            sums.path("sha1").asText(null), sums.path("md5").asText(null)));
                })));
        return out;
    }

    /** The same description of an image as PDC lists it ({@code images/?compose=}). */
    static Map.Entry<String, String> ofPdc(JsonNode image) {
        return Map.entry(image.path("file_name").asText(), describe(image.path("image_format").asText(),
                image.path("image_type").asText(), image.path("arch").asText(), image.path("size").asLong(),
                image.path("sha256").asText(), image.path("sha1").asText(null), image.path("md5").asText(null)));
    }

    private static String describe(String format, String type, String arch, long size, String sha256, String sha1,
                                   String md5) {
        return "format=" + format + " type=" + type + " arch=" + arch + " size=" + size + " sha256=" + sha256
                + " sha1=" + sha1 + " md5=" + md5;
    }

    private static InvalidComposeMetadataException invalid(String url, String what) {
        return new InvalidComposeMetadataException("images.json at " + url + " is not usable productmd: " + what);
    }
}
