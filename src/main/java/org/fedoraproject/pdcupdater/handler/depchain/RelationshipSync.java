package org.fedoraproject.pdcupdater.handler.depchain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcResource;
import org.fedoraproject.pdcupdater.pdc.resource.ComponentRelationships.Relationship;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.pdc.resource.ReleaseComponents.ReleaseComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the managed relationships leaving one component in PDC exactly the wanted ones: missing ones
 * are bulk-created (both ends ensured first), stale ones bulk-deleted by id, and nothing is sent
 * when PDC already agrees. Relationships of other types (e.g. {@code bundles}) are never touched.
 */
public final class RelationshipSync {

    private static final Logger LOG = LoggerFactory.getLogger(RelationshipSync.class);

    private final Pdc pdc;
    private final ReleaseComponentsEnsurer components;
    private final List<String> managedTypes;

    public RelationshipSync(Pdc pdc, List<String> managedTypes) {
        this.pdc = pdc;
        this.components = new ReleaseComponentsEnsurer(pdc);
        this.managedTypes = List.copyOf(managedTypes);
    }

    /** One relationship by names, as audits report it: {@code fedora-28 template-glib RPMBuildRequires glib2}. */
    public record Edge(String release, String from, String type, String to) implements Comparable<Edge> {
        public String key() {
            return release + " " + from + " " + type + " " + to;
        }

        @Override
        public int compareTo(Edge other) {
            return key().compareTo(other.key());
        }
    }

    /**
     * The managed relationships PDC has from {@code from} in {@code release}, by edge, with their ids. One listing
     * of every type (a request per message instead of one per managed type); the few of other types are left out.
     */
    public Map<Edge, Integer> current(String release, String from) {
        Map<Edge, Integer> edges = new TreeMap<>();
        for (Relationship r : pdc.componentRelationships().from(null, release, from)) {
            // The filters match names; keep only this release's rpm-named ends.
            if (managedTypes.contains(r.type()) && release.equals(r.fromComponent().release())
                    && from.equals(r.fromComponent().name())) {
                edges.put(new Edge(release, from, r.type(), r.toComponent().name()), r.id());
            }
        }
        return edges;
    }

    /**
     * @param wanted type → names of the components {@code from} depends on
     * @return how many relationships were created or deleted
     */
    public int sync(String release, String from, Map<String, Set<String>> wanted, ChangeComment comment) {
        Set<Edge> desired = edges(release, from, wanted);
        Map<Edge, Integer> current = current(release, from);
        List<Edge> missing = desired.stream().filter(e -> !current.containsKey(e)).toList();
        List<Integer> stale = new ArrayList<>();
        current.forEach((edge, id) -> {
            if (!desired.contains(edge)) {
                stale.add(id);
            }
        });
        if (!missing.isEmpty()) {
            create(release, from, missing, comment);
        }
        if (!stale.isEmpty()) {
            int deleted = pdc.componentRelationships().deleteAll(stale, comment);
            LOG.info("Removed {} stale dependency relationships of {}/{}", deleted, release, from);
        }
        return missing.size() + stale.size();
    }

    /** Deletes relationships by id (audit repair of relationships whose component left the release). */
    public int delete(List<Integer> ids, ChangeComment comment) {
        return ids.isEmpty() ? 0 : pdc.componentRelationships().deleteAll(ids, comment);
    }

    public static Set<Edge> edges(String release, String from, Map<String, Set<String>> wanted) {
        Set<Edge> out = new TreeSet<>();
        wanted.forEach((type, names) -> names.forEach(to -> out.add(new Edge(release, from, type, to))));
        return out;
    }

    private void create(String release, String from, List<Edge> missing, ChangeComment comment) {
        Set<String> names = new LinkedHashSet<>();
        names.add(from);
        missing.forEach(e -> names.add(e.to()));
        Map<String, ReleaseComponent> ends = components.ensure(release, names, comment);
        Map<Integer, String> nameById = new HashMap<>();
        ends.forEach((name, c) -> nameById.put(c.id(), name));
        int fromId = ends.get(from).id();
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (Edge e : missing) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", e.type());
            body.put("from_component", Map.of("id", fromId));
            body.put("to_component", Map.of("id", ends.get(e.to()).id()));
            bodies.add(body);
        }
        // A relationship created meanwhile (or by our own timed-out attempt) is found, not duplicated.
        pdc.client().bulkEnsure(PdcResource.RELEASE_COMPONENT_RELATIONSHIPS.path(), bodies,
                body -> naturalKey(release, body, nameById), comment);
        LOG.info("Created {} dependency relationships of {}/{}", missing.size(), release, from);
    }

    private static Map<String, ?> naturalKey(String release, JsonNode body, Map<Integer, String> nameById) {
        return Map.of("type", body.path("type").asText(),
                "from_component_release", release,
                "from_component_name", nameById.get(body.path("from_component").path("id").asInt()),
                "to_component_release", release,
                "to_component_name", nameById.get(body.path("to_component").path("id").asInt()));
    }
}
