package org.fedoraproject.pdcupdater.source.groups;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.fedoraproject.pdcupdater.source.distgit.RepoRef;

/**
 * Where one component group's package list lives, per PDC release.
 *
 * @param groupType      the PDC component-group type, e.g. {@code atomic-docker-host}
 * @param repo           the git repository holding the list, e.g. {@code fedora-atomic} on pagure.io
 * @param path           the file in that repository, e.g. {@code fedora-atomic-docker-host.json}
 * @param releases       PDC release id to git branch, e.g. {@code fedora-28 -> master},
 *                       {@code fedora-27-updates -> f27}. The Python handler derived this from
 *                       Bodhi's releases and pkgdb's rawhide; here it is configuration (or computed
 *                       by the caller), so the loader needs neither.
 * @param arches         which {@code packages-<arch>} lists count too; empty for {@code packages} only
 * @param followIncludes also read the files named by {@code include}; the Python handler did not
 *                       (it read {@code packages} of the one file only), so this defaults to false
 */
public record ComponentGroupSpec(String groupType, RepoRef repo, String path, Map<String, String> releases,
        List<String> arches, boolean followIncludes) {

    public ComponentGroupSpec {
        Objects.requireNonNull(groupType, "groupType");
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(path, "path");
        releases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(releases));
        arches = arches == null ? List.of() : List.copyOf(arches);
    }
}
