package org.fedoraproject.pdcupdater.handler.branches;

import java.util.Objects;
import java.util.Optional;

import org.fedoraproject.pdcupdater.source.distgit.DistGitNamespaces;
import org.fedoraproject.pdcupdater.source.distgit.RepoRef;

/**
 * One branch of one dist-git repository, e.g. {@code rpms/valgrind#f27}: what a PDC component branch stands for
 * (global component {@code valgrind}, name {@code f27}, type {@code rpm}).
 *
 * @param namespace dist-git namespace ({@code rpms}, {@code modules}, {@code container}, ...)
 * @param repo      the repository, which is also the PDC global component's name
 * @param branch    the git branch, which is also the PDC branch's name
 */
public record DistGitBranch(String namespace, String repo, String branch) {

    public DistGitBranch {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(branch, "branch");
    }

    /** The PDC branch type of this namespace; empty for a namespace PDC does not track branches of. */
    public Optional<String> pdcType() {
        return DistGitNamespaces.pdcType(namespace);
    }

    /** The branch of a PDC component branch, if its type is one dist-git has a namespace for. */
    public static Optional<DistGitBranch> ofPdc(String pdcType, String globalComponent, String name) {
        return DistGitNamespaces.namespace(pdcType).map(ns -> new DistGitBranch(ns, globalComponent, name));
    }

    public RepoRef repoRef() {
        return RepoRef.of(namespace, repo);
    }

    /** {@code rpm/valgrind#master}: the key audits report, as the Python pdc-updater wrote it. */
    public String key() {
        return pdcType().orElse(namespace) + "/" + repo + "#" + branch;
    }

    @Override
    public String toString() {
        return namespace + "/" + repo + "#" + branch;
    }
}
