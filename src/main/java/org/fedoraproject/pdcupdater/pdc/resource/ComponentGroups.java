package org.fedoraproject.pdcupdater.pdc.resource;

import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcResource;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@code component-group-types/} (2.9) and {@code component-groups/} (2.10). */
public final class ComponentGroups extends ResourceFacade<ComponentGroups.ComponentGroup> {

    public record GroupType(Integer id, String name, String description) {
    }

    /** {@code release} is a plain release_id here (unlike release components). */
    public record ComponentGroup(Integer id, String groupType, String release, String description,
                                 List<Member> components) {
    }

    public record Member(Integer id, String name) {
    }

    public ComponentGroups(PdcClient pdc) {
        super(pdc, PdcResource.COMPONENT_GROUPS, ComponentGroup.class);
    }

    /** Get-or-create a group type by name. */
    public GroupType ensureType(String name, String description, ChangeComment comment) {
        return PdcJson.read(pdc.ensure(PdcResource.COMPONENT_GROUP_TYPES.path(), filter("name", name),
                filter("name", name, "description", description), comment), GroupType.class);
    }

    public Optional<ComponentGroup> find(String groupType, String release, String description) {
        return list(filter("group_type", groupType, "release", release)).stream()
                .filter(g -> Objects.equals(g.description(), description)).findFirst();
    }

    /**
     * Get-or-create a group by its natural key {@code (group_type, release, description)}; members are not touched
     * (see {@link #setComponents}). The type must exist ({@link #ensureType}).
     */
    public ComponentGroup ensure(String groupType, String release, String description, ChangeComment comment) {
        return read(pdc.ensureMatching(resource.path(), filter("group_type", groupType, "release", release),
                n -> description.equals(n.path("description").asText(null)),
                filter("group_type", groupType, "release", release, "description", description), comment).object());
    }

    /**
     * Replaces the member list (PATCH replaces it whole), by component id: the {@code {release, name}} form fails
     * with a 503 when several component types share a name (contract 2.10).
     */
    public ComponentGroup setComponents(int groupId, List<Integer> componentIds, ChangeComment comment) {
        List<Map<String, Integer>> members = componentIds.stream().map(id -> Map.of("id", id)).toList();
        return read(pdc.patch(resource.path(), groupId, Map.of("components", members), comment));
    }

    public boolean delete(int groupId, ChangeComment comment) {
        return pdc.delete(resource.path(), groupId, comment);
    }
}
