package org.fedoraproject.pdcupdater.handler.branches;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.fedoraproject.pdcupdater.source.distgit.DistGitNamespaces;
import org.fedoraproject.pdcupdater.source.distgit.RepoRef;
import org.fedoraproject.pdcupdater.source.pkgdb.PackageQuery;
import org.fedoraproject.pdcupdater.source.pkgdb.PkgdbClient;

/**
 * The dist-git repositories whose branches PDC tracks, a pkgdb page at a time: dist-git's own API lists a
 * repository's branches but not the repositories, and pkgdb holds the package list of each namespace.
 */
public final class DistGitPackages {

    /** The namespaces whose branches are PDC component branches. */
    public static final List<String> NAMESPACES =
            List.of(DistGitNamespaces.RPMS, DistGitNamespaces.MODULES, DistGitNamespaces.CONTAINER);

    private final PkgdbClient pkgdb;

    public DistGitPackages(PkgdbClient pkgdb) {
        this.pkgdb = Objects.requireNonNull(pkgdb, "pkgdb");
    }

    /** Every repository, lazily: one pkgdb page in memory at a time. */
    public Stream<RepoRef> all() {
        return NAMESPACES.stream().flatMap(namespace -> pkgdb.packages(PackageQuery.all(namespace).withBranches(false))
                .map(p -> RepoRef.of(namespace, p.name())));
    }
}
