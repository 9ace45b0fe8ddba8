package org.fedoraproject.pdcupdater.pdc.resource;

import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcOutcome;
import org.fedoraproject.pdcupdater.pdc.PdcResource;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code release-components/} (contract 2.7); natural key {@code (release, name, type)}.
 *
 * <p>Components of an inactive release are hidden from lists, details and writes unless the query carries
 * {@code include_inactive_release}; the lookups here take a flag, and the natural-key operations always include them
 * (a component of an inactive release still blocks a create as a duplicate, and retiring one must find it).
 */
public final class ReleaseComponents extends ResourceFacade<ReleaseComponents.ReleaseComponent> {

    /** Contract errata 4: any value switches it on; PDC only checks presence. */
    static final Map<String, String> INCLUDE_INACTIVE = Map.of("include_inactive_release", "1");

    /** As PDC returns it: {@code release} is an object here although it is written as a release_id string. */
    public record ReleaseComponent(Integer id, ReleaseRef release, String globalComponent, String name, String type,
                                   String distGitBranch, String brewPackage, Boolean active,
                                   BugzillaRef bugzillaComponent, Srpm srpm, String distGitWebUrl) {
        /** The reference a component group or relationship takes. */
        public ComponentRelationships.ComponentEnd asEnd() {
            return new ComponentRelationships.ComponentEnd(id, release.releaseId(), name);
        }
    }

    public record ReleaseRef(String releaseId, Boolean active) {
    }

    public record BugzillaRef(Integer id, String name, String parentComponent, List<String> subcomponents) {
    }

    public record Srpm(String name) {
    }

    /**
     * A create body. {@code release} is a release_id; {@code bugzillaComponent} a {@code "parent/child"} path.
     * {@code distGitBranch} and {@code brewPackage} must not be null when sent (PDC: "This field may not be null."),
     * so null here means "leave out".
     */
    public record NewReleaseComponent(String release, String globalComponent, String name, String type,
                                      String distGitBranch, String brewPackage, Boolean active,
                                      String bugzillaComponent, Srpm srpm) {
        public NewReleaseComponent {
            Objects.requireNonNull(release, "release");
            Objects.requireNonNull(name, "name");
            globalComponent = globalComponent == null ? name : globalComponent;
            type = type == null ? "rpm" : type;
        }

        /** An rpm component named like its global component. */
        public static NewReleaseComponent rpm(String release, String name, String distGitBranch) {
            return new NewReleaseComponent(release, name, name, "rpm", distGitBranch, null, null, null, null);
        }

        Map<String, Object> naturalKey() {
            return filter("release", release, "name", name, "type", type,
                    "include_inactive_release", "1");
        }
    }

    public ReleaseComponents(PdcClient pdc) {
        super(pdc, PdcResource.RELEASE_COMPONENTS, ReleaseComponent.class);
    }

    public Optional<ReleaseComponent> get(int id, boolean includeInactiveRelease) {
        return read(pdc.find(resource.path(), id, includeInactiveRelease ? INCLUDE_INACTIVE : Map.of()));
    }

    public Optional<ReleaseComponent> find(String release, String name, String type, boolean includeInactiveRelease) {
        return read(pdc.findOne(resource.path(), filter("release", release, "name", name,
                "type", type == null ? "rpm" : type,
                "include_inactive_release", includeInactiveRelease ? "1" : null)));
    }

    /** The components of a release (one request). */
    public List<ReleaseComponent> ofRelease(String release, boolean includeInactiveRelease) {
        return list(filter("release", release, "include_inactive_release", includeInactiveRelease ? "1" : null));
    }

    /** Get-or-create; a component of an inactive release is found, not re-created. */
    public ReleaseComponent ensure(NewReleaseComponent component, ChangeComment comment) {
        return read(pdc.ensure(resource.path(), component.naturalKey(), PdcJson.body(component), comment));
    }

    /** Create, or PATCH the fields that differ ({@code release} is never sent on an update). */
    public PdcOutcome upsert(NewReleaseComponent component, ChangeComment comment) {
        return pdc.upsertOutcome(resource.path(), component.naturalKey(), PdcJson.body(component), comment);
    }

    /** PATCH {@code active}; works for components of inactive releases too. */
    public ReleaseComponent setActive(int id, boolean active, ChangeComment comment) {
        return read(pdc.patch(resource.path(), id, INCLUDE_INACTIVE, Map.of("active", active), comment));
    }

    public boolean delete(int id, ChangeComment comment) {
        return pdc.delete(resource.path(), id, INCLUDE_INACTIVE, comment);
    }
}
