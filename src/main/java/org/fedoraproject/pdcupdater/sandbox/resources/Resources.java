package org.fedoraproject.pdcupdater.sandbox.resources;

import org.fedoraproject.pdcupdater.sandbox.api.Endpoint;
import org.fedoraproject.pdcupdater.sandbox.api.Resource;
import org.fedoraproject.pdcupdater.sandbox.db.Database;

import java.util.List;

/** The catalogue of what the sandbox serves: model resources (generic viewsets) and custom endpoints. */
public final class Resources {
    private final ReleaseResource releases = new ReleaseResource();
    private final ComponentBranchResource branches = new ComponentBranchResource();
    private final ComposeResource composes = new ComposeResource();
    private final List<Resource> crud;
    private final List<Endpoint> custom;

    public Resources(Database db) {
        crud = List.of(
                new ArchResource(),
                new ReleaseTypeResource(),
                releases,
                new GlobalComponentResource(),
                new ReleaseComponentTypeResource(),
                new ReleaseComponentResource(),
                new BugzillaComponentResource(),
                NamedRowResource.groupTypes(),
                new ComponentGroupResource(),
                NamedRowResource.relationshipTypes(),
                new RelationshipResource(),
                branches,
                NamedRowResource.slaTypes(),
                new BranchSlaResource(branches),
                NamedRowResource.people(),
                new RpmResource(),
                new ImageResource(),
                composes,
                new ModuleResource(),
                new ChangesetResource());
        custom = List.of(new ComposeRpmsEndpoint(db, composes), new ComposeImagesEndpoint(db, composes));
    }

    public ReleaseResource releases() {
        return releases;
    }

    public List<Resource> crud() {
        return crud;
    }

    public List<Endpoint> custom() {
        return custom;
    }
}
