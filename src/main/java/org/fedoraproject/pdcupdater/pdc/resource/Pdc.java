package org.fedoraproject.pdcupdater.pdc.resource;

import org.fedoraproject.pdcupdater.pdc.PdcClient;

/**
 * The typed view of PDC, one facade per resource family, all over one {@link PdcClient}. Handlers that need an
 * endpoint or field the facades do not cover use {@link #client()} directly.
 */
public final class Pdc {

    private final PdcClient client;
    private final Releases releases;
    private final GlobalComponents globalComponents;
    private final ReleaseComponents releaseComponents;
    private final BugzillaComponents bugzillaComponents;
    private final ComponentGroups componentGroups;
    private final ComponentRelationships componentRelationships;
    private final ComponentBranches componentBranches;
    private final People people;
    private final Rpms rpms;
    private final Images images;
    private final Composes composes;
    private final Modules modules;
    private final Changesets changesets;

    public Pdc(PdcClient client) {
        this.client = client;
        this.releases = new Releases(client);
        this.globalComponents = new GlobalComponents(client);
        this.releaseComponents = new ReleaseComponents(client);
        this.bugzillaComponents = new BugzillaComponents(client);
        this.componentGroups = new ComponentGroups(client);
        this.componentRelationships = new ComponentRelationships(client);
        this.componentBranches = new ComponentBranches(client);
        this.people = new People(client);
        this.rpms = new Rpms(client);
        this.images = new Images(client);
        this.composes = new Composes(client);
        this.modules = new Modules(client);
        this.changesets = new Changesets(client);
    }

    public PdcClient client() { return client; }
    public Releases releases() { return releases; }
    public GlobalComponents globalComponents() { return globalComponents; }
    public ReleaseComponents releaseComponents() { return releaseComponents; }
    public BugzillaComponents bugzillaComponents() { return bugzillaComponents; }
    public ComponentGroups componentGroups() { return componentGroups; }
    public ComponentRelationships componentRelationships() { return componentRelationships; }
    public ComponentBranches componentBranches() { return componentBranches; }
    public People people() { return people; }
    public Rpms rpms() { return rpms; }
    public Images images() { return images; }
    public Composes composes() { return composes; }
    public Modules modules() { return modules; }
    public Changesets changesets() { return changesets; }
}
