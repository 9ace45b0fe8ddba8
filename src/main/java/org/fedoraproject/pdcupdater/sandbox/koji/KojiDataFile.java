package org.fedoraproject.pdcupdater.sandbox.koji;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.fedoraproject.pdcupdater.source.koji.KojiDep;

/**
 * Reads the stand-in's JSON data file into a {@link KojiData}.
 *
 * <pre>
 * { "tags":   [ { "id": 1913, "name": "f28", "arches": null, "locked": false, "perm": null,
 *                 "parents": ["..."] } ],
 *   "builds": [ { "id": 966549, "name": "template-glib", "version": "3.25.92", "release": "1.fc28",
 *                 "epoch": null, "state": 1, "owner_name": "yaneti", "owner_id": 1044,
 *                 "package_id": 24285, "task_id": 21666115, "creation_event_id": 26842752,
 *                 "creation_ts": 1504642719.23539, "start_ts": ..., "completion_ts": ...,
 *                 "source": "...", "extra": null,
 *                 "tags": ["f28"],                        (tagged in this order, file order across builds)
 *                 "rpms": [ { "id": 11251189, "name": "template-glib-debuginfo", "arch": "armv7hl",
 *                             "size": 115420, "payloadhash": "...", "buildtime": 1504642992,
 *                             "buildroot_id": 9779964,
 *                             "requires": ["glib2 >= 2.44", {"name": "rpmlib(...)", "version": "...", "flags": 16777226}],
 *                             "provides": [...], "obsoletes": [...], "conflicts": [...] } ] } ] }
 * </pre>
 * An RPM's version, release and epoch are its build's. A dependency is {@code "name"},
 * {@code "name OP version"} (OP one of {@code < <= = >= >}) or an object with rpm's raw flags.
 */
final class KojiDataFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEP = Pattern.compile("(\\S+)(?:\\s+(<=|>=|<|>|=)\\s+(\\S+))?");
    private static final Map<String, Integer> DEP_TYPES = Map.of(
            "requires", KojiDep.REQUIRES, "provides", KojiDep.PROVIDES,
            "obsoletes", KojiDep.OBSOLETES, "conflicts", KojiDep.CONFLICTS,
            "suggests", KojiDep.SUGGESTS, "enhances", KojiDep.ENHANCES,
            "supplements", KojiDep.SUPPLEMENTS, "recommends", KojiDep.RECOMMENDS);

    private KojiDataFile() {
    }

    static KojiData read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Koji stand-in data " + file, e);
        }
    }

    static KojiData readResource(String resource) {
        try (InputStream in = KojiDataFile.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource + " on the class path");
            }
            return read(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Koji stand-in data " + resource, e);
        }
    }

    private static KojiData read(InputStream in, String source) throws IOException {
        JsonNode root = JSON.readTree(in);
        KojiData data = KojiData.empty();
        try {
            for (JsonNode tag : root.path("tags")) {
                data.addTag(tag(tag));
            }
            for (JsonNode build : root.path("builds")) {
                StandinBuild stored = data.addBuild(build(build));
                for (JsonNode rpm : build.path("rpms")) {
                    StandinRpm r = rpm(rpm, stored);
                    data.addRpm(r);
                    data.addDeps(r.id(), deps(rpm));
                }
                for (JsonNode tag : build.path("tags")) {
                    data.tagBuild(tag.asText(), stored.id());
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad Koji stand-in data in " + source + ": " + e.getMessage(), e);
        }
        return data;
    }

    private static StandinTag tag(JsonNode t) {
        List<String> parents = new ArrayList<>();
        t.path("parents").forEach(p -> parents.add(p.asText()));
        @SuppressWarnings("unchecked")
        Map<String, Object> extra = t.hasNonNull("extra") ? JSON.convertValue(t.get("extra"), Map.class) : Map.of();
        return new StandinTag(t.path("id").asInt(), required(t, "name"), text(t, "arches"),
                t.path("locked").asBoolean(false), text(t, "perm"), parents, extra);
    }

    private static StandinBuild build(JsonNode b) {
        @SuppressWarnings("unchecked")
        Map<String, Object> extra = b.hasNonNull("extra") ? JSON.convertValue(b.get("extra"), Map.class) : null;
        return new StandinBuild(
                b.path("id").asInt(),
                integer(b, "package_id"),
                required(b, "name"), required(b, "version"), required(b, "release"),
                integer(b, "epoch"),
                b.path("state").asInt(StandinBuild.COMPLETE),
                integer(b, "task_id"),
                integer(b, "owner_id"),
                required(b, "owner_name"),
                integer(b, "creation_event_id"),
                b.path("creation_ts").asDouble(1504569600.0),
                b.hasNonNull("start_ts") ? b.get("start_ts").asDouble() : null,
                b.hasNonNull("completion_ts") ? b.get("completion_ts").asDouble() : null,
                text(b, "source"),
                extra);
    }

    private static StandinRpm rpm(JsonNode r, StandinBuild build) {
        StandinRpm derived = StandinRpm.of(r.path("id").asInt(), build, required(r, "name"), required(r, "arch"));
        return new StandinRpm(derived.id(), build.id(), derived.name(), build.version(), build.release(),
                build.epoch(), derived.arch(),
                r.hasNonNull("size") ? r.get("size").asLong() : derived.size(),
                r.hasNonNull("payloadhash") ? r.get("payloadhash").asText() : derived.payloadhash(),
                r.hasNonNull("buildtime") ? Long.valueOf(r.get("buildtime").asLong()) : derived.buildtime(),
                integer(r, "buildroot_id"));
    }

    private static List<KojiDep> deps(JsonNode rpm) {
        List<KojiDep> deps = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = rpm.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Integer type = DEP_TYPES.get(field.getKey());
            if (type != null) {
                field.getValue().forEach(d -> deps.add(dep(d, type)));
            }
        }
        return deps;
    }

    private static KojiDep dep(JsonNode d, int type) {
        if (d.isObject()) {
            return new KojiDep(required(d, "name"), d.path("version").asText(""), d.path("flags").asInt(0), type);
        }
        Matcher m = DEP.matcher(d.asText().strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a dependency: " + d);
        }
        if (m.group(2) == null) {
            return new KojiDep(m.group(1), "", 0, type);
        }
        int flags = 0;
        for (char c : m.group(2).toCharArray()) {
            flags |= switch (c) {
                case '<' -> KojiDep.SENSE_LESS;
                case '>' -> KojiDep.SENSE_GREATER;
                default -> KojiDep.SENSE_EQUAL;
            };
        }
        return new KojiDep(m.group(1), m.group(3), flags, type);
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw new IllegalArgumentException("missing '" + field + "' in " + node);
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Integer integer(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asInt() : null;
    }
}
