package org.fedoraproject.pdcupdater.pdc.resource;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcResource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code releases/} (contract 2.4), read side: handlers look releases up, they do not create them. */
public final class Releases extends ResourceFacade<Releases.Release> {

    /** A release as PDC returns it. {@code release_id} is computed by PDC and never sent. */
    public record Release(String releaseId, @JsonProperty("short") String shortName, String version, String name,
                          String releaseType, String baseProduct, String productVersion, Boolean active,
                          String integratedWith, String sigkey, Boolean allowBuildrootPush,
                          List<String> allowedDebuginfoServices, List<String> allowedPushTargets,
                          Bugzilla bugzilla, DistGit distGit, List<String> composeSet) {
    }

    public record Bugzilla(String product) {
    }

    public record DistGit(String branch) {
    }

    public Releases(PdcClient pdc) {
        super(pdc, PdcResource.RELEASES, Release.class);
    }

    public Optional<Release> get(String releaseId) {
        return read(pdc.find(resource.path(), releaseId));
    }

    /** Active releases only. */
    public List<Release> active() {
        return list(Map.of("active", true));
    }

    /**
     * The dist-git branch of a release ({@code dist_git.branch}), which release components use when they have no
     * branch of their own; empty when the release or its mapping does not exist.
     */
    public Optional<String> distGitBranch(String releaseId) {
        return get(releaseId).map(Release::distGit).map(DistGit::branch);
    }
}
