package org.fedoraproject.pdcupdater.source.distgit;

import java.util.Objects;

import org.fedoraproject.pdcupdater.source.http.Urls;

/**
 * A git repository on a Pagure server: {@code rpms/valgrind} on src.fedoraproject.org, or a
 * namespace-less project such as {@code fedora-atomic} on pagure.io.
 *
 * @param namespace {@code rpms}, {@code modules}, {@code container}, ...; null for none
 * @param name      the repository name, e.g. {@code valgrind}
 */
public record RepoRef(String namespace, String name) {

    public RepoRef {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || (namespace != null && namespace.isEmpty())) {
            throw new IllegalArgumentException("empty repository name or namespace");
        }
    }

    public static RepoRef of(String namespace, String name) {
        return new RepoRef(namespace, name);
    }

    /** Parses {@code rpms/valgrind} or {@code fedora-atomic}. */
    public static RepoRef parse(String text) {
        int slash = text.indexOf('/');
        return slash < 0 ? new RepoRef(null, text) : new RepoRef(text.substring(0, slash), text.substring(slash + 1));
    }

    /** The encoded path prefix, e.g. {@code rpms/valgrind}. */
    String path() {
        return namespace == null ? Urls.segment(name) : Urls.segment(namespace) + "/" + Urls.segment(name);
    }

    @Override
    public String toString() {
        return namespace == null ? name : namespace + "/" + name;
    }
}
