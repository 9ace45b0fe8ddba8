package org.fedoraproject.pdcupdater.sandbox.koji;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiFunction;

import org.fedoraproject.pdcupdater.source.koji.KojiDep;
import org.fedoraproject.pdcupdater.source.koji.KojiFaultException;

/**
 * The hub methods the stand-in answers, over a {@link KojiData}, with Koji's argument names,
 * defaults, result shapes and faults (kojihub.py). Arguments the model has nothing for (events,
 * build types, buildroots) are refused with a GenericError rather than silently ignored, so a
 * test cannot pass against the stand-in by accident.
 */
final class KojiHubMethods {

    private final KojiData data;
    private final Map<String, BiFunction<String, List<Object>, Object>> methods = new HashMap<>();

    KojiHubMethods(KojiData data) {
        this.data = data;
        methods.put("getAPIVersion", (m, p) -> 1);
        methods.put("system.listMethods", (m, p) -> List.copyOf(new TreeSet<>(methods.keySet())));
        methods.put("getBuild", this::getBuild);
        methods.put("getRPM", this::getRPM);
        methods.put("listRPMs", this::listRPMs);
        methods.put("listTagged", this::listTagged);
        methods.put("getTag", this::getTag);
        methods.put("getRPMDeps", this::getRPMDeps);
        // Koji's client sends multiCall; the standard name is system.multicall. The hub takes both.
        methods.put("multiCall", this::multicall);
        methods.put("system.multicall", this::multicall);
    }

    /**
     * Runs one method.
     *
     * @throws KojiFaultException what the hub would answer as a fault
     */
    Object call(String method, List<Object> params) {
        BiFunction<String, List<Object>, Object> handler = methods.get(method);
        if (handler == null) {
            throw generic("Invalid method: " + method);
        }
        return handler.apply(method, params);
    }

    private Object getBuild(String method, List<Object> params) {
        KojiArgs args = KojiArgs.bind(method, params, 1, "buildInfo", "strict");
        Object info = args.get("buildInfo");
        Optional<StandinBuild> build;
        if (info instanceof Number id) {
            build = data.build(id.intValue());
        } else if (info instanceof String nvr) {
            String[] parts = parseNvr(nvr);
            build = data.build(parts[0], parts[1], parts[2]);
        } else if (info instanceof Map<?, ?> map && map.get("name") != null && map.get("version") != null
                && map.get("release") != null) {
            build = data.build(map.get("name").toString(), map.get("version").toString(), map.get("release").toString());
        } else {
            throw generic("Invalid type for argument: " + pythonType(info));
        }
        if (build.isEmpty() && args.truthy("strict", false)) {
            throw generic("No such build: " + pythonRepr(info));
        }
        return build.map(KojiShapes::build).orElse(null);
    }

    private Object getRPM(String method, List<Object> params) {
        KojiArgs args = KojiArgs.bind(method, params, 1, "rpminfo", "strict", "multi");
        Optional<StandinRpm> rpm = rpm(args.get("rpminfo"));
        if (rpm.isEmpty() && args.truthy("strict", false)) {
            throw generic("No such rpm: " + pythonRepr(args.get("rpminfo")));
        }
        return rpm.map(KojiShapes::rpm).orElse(null);
    }

    private Object listRPMs(String method, List<Object> params) {
        KojiArgs args = KojiArgs.bind(method, params, 0, "buildID", "buildrootID", "imageID",
                "componentBuildrootID", "hostID", "arches", "queryOpts", "draft");
        for (String unmodelled : List.of("buildrootID", "imageID", "componentBuildrootID", "hostID", "queryOpts")) {
            if (args.get(unmodelled) != null) {
                throw generic("the Koji stand-in does not model listRPMs(" + unmodelled + "=...)");
            }
        }
        Integer buildId = args.integer("buildID");
        Collection<StandinRpm> rpms = buildId == null ? data.allRpms() : data.rpmsOf(buildId);
        Object arches = args.get("arches");
        List<Object> result = new ArrayList<>(rpms.size());
        for (StandinRpm rpm : rpms) {
            if (arches == null || (arches instanceof String a ? a.equals(rpm.arch())
                    : arches instanceof List<?> list && list.contains(rpm.arch()))) {
                result.add(KojiShapes.rpm(rpm));
            }
        }
        return result;
    }

    /**
     * As kojihub.py's readTaggedBuilds: the tag's complete builds, newest tagging first, then its
     * ancestors' when {@code inherit}; {@code latest} keeps the first (or first N) per package.
     * Rows are made as the response is written, so a 20,000-build tag is never held as structs.
     */
    private Object listTagged(String method, List<Object> params) {
        KojiArgs args = KojiArgs.bind(method, params, 1, "tag", "event", "inherit", "prefix", "latest",
                "package", "owner", "type", "strict", "extra", "draft");
        for (String unmodelled : List.of("event", "type", "draft")) {
            if (args.get(unmodelled) != null) {
                throw generic("the Koji stand-in does not model listTagged(" + unmodelled + "=...)");
            }
        }
        Optional<StandinTag> tag = tag(args.get("tag"));
        if (tag.isEmpty()) {
            if (args.truthy("strict", true)) {
                throw generic("No such tagInfo: " + pythonRepr(args.get("tag")));
            }
            return List.of();
        }
        Object latestArg = args.get("latest");
        // latest=True keeps one build per package, latest=N keeps N, a false value keeps all.
        int perPackage = latestArg instanceof Number n && n.intValue() > 0 ? n.intValue()
                : latestArg instanceof Boolean b && b ? 1 : Integer.MAX_VALUE;
        String prefix = args.string("prefix");
        String pkg = args.string("package");
        String owner = args.string("owner");
        boolean extra = args.truthy("extra", false);
        List<StandinTag> tags = args.truthy("inherit", false) ? data.withAncestors(tag.get().name()) : List.of(tag.get());

        record Row(StandinTag tag, StandinBuild build) {
        }
        List<Row> selected = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (StandinTag t : tags) {
            for (int buildId : data.taggedNewestFirst(t.name())) {
                StandinBuild b = data.build(buildId).orElse(null);
                if (b == null || b.state() != StandinBuild.COMPLETE
                        || (prefix != null && !b.name().toLowerCase().startsWith(prefix.toLowerCase()))
                        || (pkg != null && !pkg.equals(b.name()))
                        || (owner != null && !owner.equals(b.ownerName()))) {
                    continue;
                }
                if (seen.merge(b.name(), 1, Integer::sum) <= perPackage) {
                    selected.add(new Row(t, b));
                }
            }
        }
        // Mapped lazily: the writer renders each row as it goes out.
        return new AbstractList<Map<String, Object>>() {
            @Override
            public Map<String, Object> get(int index) {
                Row row = selected.get(index);
                return KojiShapes.tagged(row.build(), row.tag(), extra);
            }

            @Override
            public int size() {
                return selected.size();
            }
        };
    }

    private Object getTag(String method, List<Object> params) {
        KojiArgs args = KojiArgs.bind(method, params, 1, "tagInfo", "strict", "event", "blocked");
        if (args.get("event") != null) {
            throw generic("the Koji stand-in does not model getTag(event=...)");
        }
        Optional<StandinTag> tag = tag(args.get("tagInfo"));
        if (tag.isEmpty() && args.truthy("strict", false)) {
            throw generic("No such tagInfo: " + pythonRepr(args.get("tagInfo")));
        }
        return tag.map(KojiShapes::tag).orElse(null);
    }

    private Object getRPMDeps(String method, List<Object> params) {
        KojiArgs args = KojiArgs.bind(method, params, 1, "rpmID", "depType", "queryOpts", "strict");
        if (args.get("queryOpts") != null) {
            throw generic("the Koji stand-in does not model getRPMDeps(queryOpts=...)");
        }
        Optional<StandinRpm> rpm = rpm(args.get("rpmID"));
        if (rpm.isEmpty()) {
            if (args.truthy("strict", false)) {
                throw generic("No such rpm: " + pythonRepr(args.get("rpmID")));
            }
            return List.of();
        }
        Integer depType = args.integer("depType");
        List<KojiDep> deps = data.deps(rpm.get().id());
        List<Object> result = new ArrayList<>();
        for (int type : KojiShapes.DEP_ORDER) {
            if (depType == null || depType == type) {
                deps.stream().filter(d -> d.type() == type).forEach(d -> result.add(KojiShapes.dep(d)));
            }
        }
        return result;
    }

    /** Each call's value wrapped in a one-element array, or its fault as a struct, never failing as a whole. */
    private Object multicall(String method, List<Object> params) {
        KojiArgs args = KojiArgs.bind(method, params, 1, "calls");
        if (!(args.get("calls") instanceof List<?> calls)) {
            throw generic("multicall expects an array of calls");
        }
        List<Object> results = new ArrayList<>(calls.size());
        for (Object call : calls) {
            try {
                if (!(call instanceof Map<?, ?> c) || !(c.get("methodName") instanceof String name)
                        || !(c.get("params") instanceof List<?> callParams)) {
                    throw generic("multicall entries need methodName and params");
                }
                if (name.equals("multiCall") || name.equals("system.multicall")) {
                    throw generic("multicall cannot be nested");
                }
                @SuppressWarnings("unchecked")
                List<Object> p = (List<Object>) callParams;
                results.add(Collections.singletonList(call(name, p)));
            } catch (KojiFaultException fault) {
                results.add(Map.of("faultCode", fault.faultCode(), "faultString", fault.faultString()));
            }
        }
        return results;
    }

    private Optional<StandinTag> tag(Object info) {
        if (info instanceof Number id) {
            return data.tag(id.intValue());
        }
        if (info instanceof String name) {
            return data.tag(name);
        }
        throw generic("Invalid type for tagInfo: " + pythonType(info));
    }

    /** get_rpm: an id (int or digits) or an N-V-R.A string. */
    private Optional<StandinRpm> rpm(Object info) {
        if (info instanceof Number id) {
            return data.rpm(id.intValue());
        }
        if (info instanceof String s) {
            return s.matches("\\d+") ? data.rpm(Integer.parseInt(s)) : data.rpm(s.endsWith(".rpm")
                    ? s.substring(0, s.length() - 4) : s);
        }
        throw generic("Invalid type for rpminfo: " + pythonType(info));
    }

    /** koji.parse_NVR: name may contain dashes; version and release may not. */
    private static String[] parseNvr(String nvr) {
        int p2 = nvr.lastIndexOf('-');
        int p1 = p2 <= 0 ? -1 : nvr.lastIndexOf('-', p2 - 1);
        if (p2 == -1 || p2 == nvr.length() - 1 || p1 == -1 || p1 == p2 - 1) {
            throw generic("invalid format: " + nvr);
        }
        String name = nvr.substring(0, p1);
        int epoch = name.indexOf(':');
        return new String[] {epoch == -1 ? name : name.substring(epoch + 1), nvr.substring(p1 + 1, p2),
                nvr.substring(p2 + 1)};
    }

    private static KojiFaultException generic(String message) {
        return new KojiFaultException(KojiFaultException.GENERIC_ERROR, message);
    }

    private static String pythonRepr(Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }

    private static String pythonType(Object value) {
        String type = value == null ? "NoneType" : value instanceof Map ? "dict" : value instanceof List ? "list"
                : value.getClass().getSimpleName().toLowerCase();
        return "<class '" + type + "'>";
    }
}
