package org.fedoraproject.pdcupdater.handler.modules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedoraproject.pdcupdater.handler.InvalidMessageException;
import org.fedoraproject.pdcupdater.pdc.resource.Modules.Dependency;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads modulemd YAML (the format of {@code fedora-modularity/libmodulemd}, versions 1 and 2) with
 * snakeyaml-engine, which camel-yaml-dsl already brings: no second YAML library. Only plain data is
 * built (no types, no tags to classes), with bounds on size and aliases, since the text comes from
 * another service.
 *
 * <p>Anything that is not a modulemd document the handler can use is an {@link InvalidMessageException}
 * saying what is wrong: the message is dead-lettered and PDC is left as it was.
 */
public final class ModulemdParser {

    /** Real modulemd files are tens of KB; a few MB means something else. */
    static final int MAX_CODE_POINTS = 8 * 1024 * 1024;

    private ModulemdParser() {
    }

    /** @param what names the module, for the error message */
    public static Modulemd parse(String yaml, String what) {
        if (yaml == null || yaml.isBlank()) {
            throw invalid(what, "it is empty");
        }
        Object document;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel("modulemd of " + what)
                    .setAllowDuplicateKeys(false).setMaxAliasesForCollections(50)
                    .setCodePointLimit(MAX_CODE_POINTS).build();
            document = new Load(settings).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw invalid(what, "not valid YAML: " + oneLine(e.getMessage()));
        }
        Map<String, Object> root = map(document, "the document", what);
        if (!"modulemd".equals(text(root.get("document")))) {
            throw invalid(what, "\"document\" is " + text(root.get("document")) + ", not modulemd");
        }
        String version = text(root.get("version"));
        if (!"1".equals(version) && !"2".equals(version)) {
            throw invalid(what, "modulemd version " + version + " is not 1 or 2");
        }
        Map<String, Object> data = map(root.get("data"), "\"data\"", what);
        List<Dependency> runtime = new ArrayList<>();
        List<Dependency> build = new ArrayList<>();
        Object deps = data.get("dependencies");
        if (deps != null) {
            // v1: one mapping; v2: a list of mappings, each a set of alternatives.
            List<?> blocks = deps instanceof List<?> l ? l : List.of(deps);
            for (Object block : blocks) {
                Map<String, Object> b = map(block, "\"dependencies\"", what);
                addDeps(b.get("requires"), runtime, "requires", what);
                addDeps(b.get("buildrequires"), build, "buildrequires", what);
            }
        }
        Map<String, String> refs = new LinkedHashMap<>();
        Map<String, Object> components = optionalMap(data.get("components"), "\"components\"", what);
        optionalMap(components.get("rpms"), "\"components.rpms\"", what).forEach((name, rpm) ->
                putText(refs, name, optionalMap(rpm, "component " + name, what).get("ref")));
        Map<String, String> built = new LinkedHashMap<>();
        Map<String, Object> mbs = optionalMap(optionalMap(data.get("xmd"), "\"xmd\"", what).get("mbs"),
                "\"xmd.mbs\"", what);
        optionalMap(mbs.get("rpms"), "\"xmd.mbs.rpms\"", what).forEach((name, rpm) ->
                putText(built, name, optionalMap(rpm, "xmd rpm " + name, what).get("ref")));
        return new Modulemd(text(data.get("name")), text(data.get("stream")), runtime, build, refs, built);
    }

    /** {@code {module: stream}} (v1) or {@code {module: [streams]}} (v2). */
    private static void addDeps(Object value, List<Dependency> into, String field, String what) {
        optionalMap(value, "\"" + field + "\"", what).forEach((module, streams) -> {
            if (streams instanceof List<?> list) {
                list.forEach(s -> into.add(new Dependency(module, scalar(s, field + "." + module, what))));
            } else {
                into.add(new Dependency(module, scalar(streams, field + "." + module, what)));
            }
        });
    }

    private static String scalar(Object value, String field, String what) {
        if (value instanceof Map<?, ?> || value instanceof List<?> || value == null) {
            throw invalid(what, field + " is not a stream name");
        }
        return value.toString();
    }

    private static void putText(Map<String, String> into, String key, Object value) {
        String text = text(value);
        if (text != null) {
            into.put(key, text);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String field, String what) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<Object, Object>) m).forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }
        throw invalid(what, field + " is not a mapping");
    }

    private static Map<String, Object> optionalMap(Object value, String field, String what) {
        return value == null ? Map.of() : map(value, field, what);
    }

    private static String text(Object value) {
        return value == null || value instanceof Map<?, ?> || value instanceof List<?> ? null : value.toString();
    }

    private static String oneLine(String text) {
        String s = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static InvalidMessageException invalid(String what, String problem) {
        return new InvalidMessageException("malformed modulemd of " + what + ": " + problem);
    }
}
