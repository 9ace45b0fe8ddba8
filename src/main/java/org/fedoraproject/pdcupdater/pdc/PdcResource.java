package org.fedoraproject.pdcupdater.pdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * What the client must know about one PDC endpoint to write it safely: its detail key, the keys it must never be sent
 * (contract 1.7: read-only keys in a body are a 400, so a GET representation cannot be sent back as is), the keys only
 * a create may carry, and how to compare a desired input value with the output value for fields whose two shapes
 * differ. The low-level {@link PdcClient} write methods send bodies as given; {@link PdcClient#ensure},
 * {@link PdcClient#upsert} and the typed facades pass them through {@link #forCreate} / {@link #forUpdate} first.
 */
public final class PdcResource {

    private static final Map<String, PdcResource> KNOWN = new LinkedHashMap<>();
    private static final List<String> DEPENDENCY_KINDS =
            List.of("provides", "requires", "obsoletes", "conflicts", "recommends", "suggests");

    public static final PdcResource ARCHES = define("arches/").noDetail().register();
    public static final PdcResource RELEASE_TYPES = define("release-types/").noDetail().register();
    public static final PdcResource RELEASES = define("releases/").key("release_id")
            .readOnly("release_id", "compose_set").register();
    public static final PdcResource GLOBAL_COMPONENTS = define("global-components/")
            .readOnly("id", "dist_git_web_url", "labels").register();
    public static final PdcResource RELEASE_COMPONENT_TYPES = define("release-component-types/").noDetail().register();
    public static final PdcResource RELEASE_COMPONENTS = define("release-components/")
            .readOnly("id", "dist_git_web_url")
            // Contract 2.7: "release" is create-only (PUT/PATCH: Unknown fields: "release".), and components of an
            // inactive release are invisible, to writes as well, without include_inactive_release.
            .createOnly("release")
            .carryQuery("include_inactive_release")
            .compare("bugzilla_component", PdcResource::sameBugzillaPath)
            .register();
    public static final PdcResource BUGZILLA_COMPONENTS = define("bugzilla-components/")
            .readOnly("id", "subcomponents", "parent_component").register();
    public static final PdcResource COMPONENT_GROUP_TYPES = define("component-group-types/").register();
    public static final PdcResource COMPONENT_GROUPS = define("component-groups/")
            .compare("components", JsonCompare::subset).register();
    public static final PdcResource COMPONENT_RELATIONSHIP_TYPES = define("component-relationship-types/").register();
    public static final PdcResource RELEASE_COMPONENT_RELATIONSHIPS = define("release-component-relationships/")
            .compare("from_component", JsonCompare::subset)
            .compare("to_component", JsonCompare::subset).register();
    public static final PdcResource COMPONENT_BRANCHES = define("component-branches/")
            .readOnly("id", "slas", "active")
            .createOnly("name") // "You may not modify the branch's name due to policy"
            .register();
    public static final PdcResource COMPONENT_SLA_TYPES = define("component-sla-types/")
            .createOnly("name").register();
    public static final PdcResource COMPONENT_BRANCH_SLAS = define("component-branch-slas/")
            .createOnly("branch") // "The branch cannot be modified using this API"
            .register();
    public static final PdcResource PEOPLE = define("contacts/people/").register();
    public static final PdcResource RPMS = define("rpms/").readOnly("id", "linked_composes")
            .compare("dependencies", PdcResource::sameDependencies).register();
    public static final PdcResource IMAGES = define("images/").noDetail().register();
    public static final PdcResource COMPOSES = define("composes/").key("compose_id")
            .readOnly("compose_id")
            .updatable("acceptance_testing", "linked_releases", "rtt_tested_architectures")
            .compare("rtt_tested_architectures", JsonCompare::subset) // PDC merges this map on PATCH
            .register();
    public static final PdcResource COMPOSE_RPMS = define("compose-rpms/").key("compose_id").register();
    public static final PdcResource COMPOSE_IMAGES = define("compose-images/").key("compose_id").register();
    public static final PdcResource MODULES = define("modules/").key("uid").readOnly("uid")
            // Contract 2.23: the update path has no nested writes for dependencies (expect a 5xx).
            .createOnly("runtime_deps", "build_deps")
            .compare("rpms", PdcResource::sameModuleRpms).register();
    public static final PdcResource CHANGESETS = define("changesets/").register();

    private final String path;
    private final String detailKey;
    private final Set<String> readOnly;
    private final Set<String> createOnly;
    private final Set<String> updatable;
    private final Set<String> carriedQuery;
    private final Map<String, BiPredicate<JsonNode, JsonNode>> comparators;

    private PdcResource(Builder b) {
        this.path = b.path;
        this.detailKey = b.detailKey;
        this.readOnly = Set.copyOf(b.readOnly);
        this.createOnly = Set.copyOf(b.createOnly);
        this.updatable = b.updatable == null ? null : Set.copyOf(b.updatable);
        this.carriedQuery = Set.copyOf(b.carriedQuery);
        this.comparators = Map.copyOf(b.comparators);
    }

    /**
     * The descriptor of a known endpoint ({@code "release-components"}, {@code "contacts/people/"}, ...); an unknown
     * one gets the common shape: detail key {@code id}, read-only {@code id}.
     */
    public static PdcResource of(String resource) {
        String p = PdcPaths.list(resource);
        PdcResource known = KNOWN.get(p);
        return known != null ? known : define(p).build();
    }

    public String path() {
        return path;
    }

    /** The key of the detail URL ({@code id}, {@code release_id}, {@code uid}, {@code compose_id}); null if none. */
    public String detailKey() {
        return detailKey;
    }

    public Set<String> readOnlyKeys() {
        return readOnly;
    }

    /** The value of the detail key in an object PDC returned. */
    public String keyOf(JsonNode object) {
        if (detailKey == null) {
            throw new UnsupportedOperationException(path + " has no detail URL");
        }
        JsonNode k = object.path(detailKey);
        if (k.isMissingNode() || k.isNull()) {
            throw new IllegalArgumentException(path + " object without '" + detailKey + "'");
        }
        return k.asText();
    }

    /** A copy of {@code body} without the read-only keys. */
    public ObjectNode forCreate(ObjectNode body) {
        ObjectNode copy = body.deepCopy();
        copy.remove(readOnly);
        return copy;
    }

    /** A copy of {@code body} with only what a PUT/PATCH may carry. */
    public ObjectNode forUpdate(ObjectNode body) {
        ObjectNode copy = forCreate(body);
        copy.remove(createOnly);
        if (updatable != null) {
            copy.retain(updatable);
        }
        return copy;
    }

    /**
     * The fields of {@code desired} (update-shaped, see {@link #forUpdate}) whose value differs from {@code current};
     * an empty object means no PATCH is needed.
     */
    public ObjectNode changedFields(ObjectNode desired, JsonNode current) {
        ObjectNode changed = JsonNodeFactory.instance.objectNode();
        forUpdate(desired).fields().forEachRemaining(e -> {
            BiPredicate<JsonNode, JsonNode> cmp = comparators.getOrDefault(e.getKey(), JsonCompare::same);
            if (!cmp.test(e.getValue(), current.path(e.getKey()))) {
                changed.set(e.getKey(), e.getValue());
            }
        });
        return changed;
    }

    /** Query parameters of a lookup that writes to the found object must repeat (include_inactive_release). */
    PdcQuery carriedQuery(PdcQuery lookup) {
        return PdcQuery.empty().withDefaults(lookup, carriedQuery);
    }

    @Override
    public String toString() {
        return path;
    }

    // --- comparators for fields whose input and output shapes differ -----------------------------------------

    /** Input {@code "parent/child"} or {@code "child"} vs output {@code {"name": "child", "parent_component": "parent"}}. */
    private static boolean sameBugzillaPath(JsonNode desired, JsonNode current) {
        if (desired == null || desired.isNull() || !desired.isTextual() || !current.isObject()) {
            return JsonCompare.same(desired, current);
        }
        String[] parts = desired.asText().split("/");
        String name = parts[parts.length - 1];
        String parent = parts.length > 1 ? parts[parts.length - 2] : null;
        JsonNode currentParent = current.path("parent_component");
        return name.equals(current.path("name").asText(null))
                && Objects.equals(parent, currentParent.isTextual() ? currentParent.asText() : null);
    }

    /** Omitted dependency kinds are empty lists: PDC returns all six, and sending the key replaces all of them. */
    private static boolean sameDependencies(JsonNode desired, JsonNode current) {
        if (desired == null || !desired.isObject() || !current.isObject()) {
            return JsonCompare.same(desired, current);
        }
        ArrayNode none = JsonNodeFactory.instance.arrayNode();
        for (String kind : DEPENDENCY_KINDS) {
            JsonNode d = desired.has(kind) ? desired.get(kind) : none;
            JsonNode c = current.has(kind) ? current.get(kind) : none;
            if (!JsonCompare.same(d, c)) {
                return false;
            }
        }
        return desired.size() <= DEPENDENCY_KINDS.size();
    }

    /** Module rpms go in as NEVRA objects and come out as {@code name-epoch:version-release.arch.rpm} strings. */
    private static boolean sameModuleRpms(JsonNode desired, JsonNode current) {
        if (desired == null || !desired.isArray() || !current.isArray()) {
            return JsonCompare.same(desired, current);
        }
        ArrayNode asNames = JsonNodeFactory.instance.arrayNode();
        for (JsonNode rpm : desired) {
            asNames.add(rpm.isObject()
                    ? rpm.path("name").asText() + "-" + rpm.path("epoch").asText("0") + ":"
                    + rpm.path("version").asText() + "-" + rpm.path("release").asText() + "."
                    + rpm.path("arch").asText() + ".rpm"
                    : rpm.asText());
        }
        return JsonCompare.same(asNames, current);
    }

    // --- definition -------------------------------------------------------------------------------------------

    private static Builder define(String path) {
        return new Builder(path);
    }

    private static final class Builder {
        private final String path;
        private String detailKey = "id";
        private Set<String> readOnly = Set.of("id");
        private Set<String> createOnly = Set.of();
        private Set<String> updatable;
        private Set<String> carriedQuery = Set.of();
        private final Map<String, BiPredicate<JsonNode, JsonNode>> comparators = new HashMap<>();

        Builder(String path) {
            this.path = PdcPaths.list(path);
        }

        Builder key(String key) { this.detailKey = key; return this; }
        Builder noDetail() { this.detailKey = null; this.readOnly = Set.of(); return this; }
        Builder readOnly(String... keys) { this.readOnly = Set.of(keys); return this; }
        Builder createOnly(String... keys) { this.createOnly = Set.of(keys); return this; }
        Builder updatable(String... keys) { this.updatable = Set.of(keys); return this; }
        Builder carryQuery(String... names) { this.carriedQuery = Set.of(names); return this; }
        Builder compare(String field, BiPredicate<JsonNode, JsonNode> cmp) { comparators.put(field, cmp); return this; }

        PdcResource build() {
            return new PdcResource(this);
        }

        PdcResource register() {
            PdcResource r = build();
            KNOWN.put(r.path, r);
            return r;
        }
    }
}
