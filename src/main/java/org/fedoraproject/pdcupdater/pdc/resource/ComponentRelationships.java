package org.fedoraproject.pdcupdater.pdc.resource;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcResource;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code component-relationship-types/} (2.11) and {@code release-component-relationships/} (2.12), the dependency
 * chain. There is no filter by component id, so lookups filter by release and name and then match the ids.
 */
public final class ComponentRelationships extends ResourceFacade<ComponentRelationships.Relationship> {

    public record RelationshipType(Integer id, String name) {
    }

    /** One end of a relationship: written as {@code {"id"}}, read as {@code {"id", "name", "release"}}. */
    public record ComponentEnd(Integer id, String release, String name) {
        public ComponentEnd {
            Objects.requireNonNull(id, "component id");
        }
    }

    public record Relationship(Integer id, String type, ComponentEnd fromComponent, ComponentEnd toComponent) {
    }

    public ComponentRelationships(PdcClient pdc) {
        super(pdc, PdcResource.RELEASE_COMPONENT_RELATIONSHIPS, Relationship.class);
    }

    /** Get-or-create a relationship type (only {@code bundles} and {@code executes} are seeded). */
    public RelationshipType ensureType(String name, ChangeComment comment) {
        return PdcJson.read(pdc.ensure(PdcResource.COMPONENT_RELATIONSHIP_TYPES.path(), filter("name", name),
                filter("name", name), comment), RelationshipType.class);
    }

    /** Get-or-create {@code from --type--> to}; components referenced by id. */
    public Relationship ensure(String type, ComponentEnd from, ComponentEnd to, ChangeComment comment) {
        Map<String, Object> lookup = filter("type", type,
                "from_component_release", from.release(), "from_component_name", from.name(),
                "to_component_release", to.release(), "to_component_name", to.name());
        Map<String, Object> body = Map.of("type", type,
                "from_component", Map.of("id", from.id()), "to_component", Map.of("id", to.id()));
        return read(pdc.ensureMatching(resource.path(), lookup,
                n -> sameId(n.path("from_component"), from) && sameId(n.path("to_component"), to),
                body, comment).object());
    }

    /**
     * The relationships of a type (null: of every type) leaving a component (for pruning the ones the source no
     * longer has).
     */
    public List<Relationship> from(String type, String release, String componentName) {
        return list(filter("type", type, "from_component_release", release, "from_component_name", componentName));
    }

    /** Bulk delete by id; ids already gone are skipped. @return how many were deleted */
    public int deleteAll(List<Integer> ids, ChangeComment comment) {
        return pdc.bulkDelete(resource.path(), ids, comment);
    }

    private static boolean sameId(JsonNode end, ComponentEnd expected) {
        return end.path("id").asInt(-1) == expected.id();
    }
}
