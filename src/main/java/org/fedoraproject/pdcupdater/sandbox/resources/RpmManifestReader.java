package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Streams a productmd rpms manifest ({@code payload.rpms.<variant>.<arch>.<srpm>.<rpm> = {path, sigkey,
 * category}}) from a Jackson parser, handing each entry to a sink as it is read. Memory use is one entry, whatever
 * the manifest size (Fedora's rpms.json reaches hundreds of megabytes).
 *
 * <p>The sink is chosen when {@code payload.rpms} starts, from what is known by then ({@code payload.compose}, or
 * null when the manifest puts it after the rpms): the endpoint links straight into the database when it can check
 * the compose first, and stages otherwise.
 */
final class RpmManifestReader {
    private final Function<JsonNode, Consumer<ManifestRpm>> sinkFor;
    private JsonNode manifestCompose;
    private boolean rpmsSeen;

    RpmManifestReader(Function<JsonNode, Consumer<ManifestRpm>> sinkFor) {
        this.sinkFor = sinkFor;
    }

    JsonNode manifestCompose() {
        return manifestCompose;
    }

    /** Whether payload.rpms was read (and the sink chosen). */
    boolean rpmsSeen() {
        return rpmsSeen;
    }

    /** The parser is positioned on the manifest's START_OBJECT; consumes up to its END_OBJECT. */
    void read(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            if (key.equals("payload") && t == JsonToken.START_OBJECT) {
                payload(p);
            } else {
                p.skipChildren();
            }
        }
    }

    private void payload(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            if (key.equals("compose")) {
                manifestCompose = p.readValueAsTree();
            } else if (key.equals("rpms") && t == JsonToken.START_OBJECT && !rpmsSeen) {
                rpmsSeen = true;
                rpms(p, sinkFor.apply(manifestCompose));
            } else {
                p.skipChildren();
            }
        }
    }

    private static void rpms(JsonParser p, Consumer<ManifestRpm> sink) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String variant = p.currentName();
            expectObject(p, "variant " + variant);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String arch = p.currentName();
                expectObject(p, "arch " + arch);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String srpm = p.currentName();
                    expectObject(p, "srpm " + srpm);
                    Nevra srpmNevra = nevra(srpm);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String rpm = p.currentName();
                        p.nextToken();
                        sink.accept(entry(p, variant, arch, srpm, srpmNevra, nevra(rpm)));
                    }
                }
            }
        }
    }

    private static void expectObject(JsonParser p, String what) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) throw ComposeInfo.parseError("rpms manifest: " + what + " is not an object");
    }

    private static Nevra nevra(String text) {
        try {
            return Nevra.parse(text);
        } catch (IllegalArgumentException e) {
            throw ComposeInfo.parseError("rpms manifest: " + e.getMessage());
        }
    }

    /**
     * Reads the entry's object ({path, sigkey, category}) field by field: a tree per entry would be a million
     * short-lived trees per import. As before, a repeated field keeps its last value, and a sigkey that is not a
     * string is taken as its text (an object or array as "", which the sigkey check then refuses).
     */
    private static ManifestRpm entry(JsonParser p, String variant, String arch, String srpmKey, Nevra srpm, Nevra rpm)
            throws IOException {
        String path = null;
        String category = null;
        String sigkey = null;
        boolean isObject = p.currentToken() == JsonToken.START_OBJECT;
        if (isObject) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                String text = t == JsonToken.VALUE_STRING ? p.getText() : null;
                switch (field) {
                    case "path" -> path = text;
                    case "category" -> category = text;
                    case "sigkey" -> sigkey = t == JsonToken.VALUE_NULL ? null
                            : t.isScalarValue() ? p.getValueAsString(p.getText()) : "";
                    default -> { }
                }
                p.skipChildren();
            }
        } else {
            p.skipChildren();
        }
        if (!isObject || path == null || category == null) {
            throw ComposeInfo.parseError("rpms manifest: entry " + rpm.text() + " needs path and category");
        }
        List<String> dirFile = ComposeStore.splitPath(path);
        return new ManifestRpm(variant, arch, srpmKey, srpm.name(), rpm, dirFile.get(0), dirFile.get(1), sigkey, category);
    }
}
