package org.fedoraproject.pdcupdater.source.pkgdb;

import java.util.List;

/**
 * What to list from pkgdb's {@code api/packages/}.
 *
 * @param namespace    {@code rpms} (pkgdb's default), {@code modules} or {@code container}
 * @param pattern      name pattern, {@code *} is the wildcard
 * @param branches     restrict to packages on these branches; empty for all
 * @param withBranches ask for each package's listings too ({@code acls=true}); one call per page
 *                     instead of the Python code's one extra call per package
 * @param includeEol   include listings on EOL collections ({@code eol=true})
 * @param pageSize     {@code limit}; pkgdb caps it at 500
 */
public record PackageQuery(String namespace, String pattern, List<String> branches, boolean withBranches,
        boolean includeEol, int pageSize) {

    public static final int MAX_PAGE_SIZE = 500;

    public PackageQuery {
        namespace = namespace == null ? "rpms" : namespace;
        pattern = pattern == null ? "*" : pattern;
        branches = branches == null ? List.of() : List.copyOf(branches);
        pageSize = Math.max(1, Math.min(pageSize, MAX_PAGE_SIZE));
    }

    /** All packages of a namespace, with branches, 250 per page (pkgdb's default page size). */
    public static PackageQuery all(String namespace) {
        return new PackageQuery(namespace, "*", List.of(), true, false, 250);
    }

    public PackageQuery withPageSize(int size) {
        return new PackageQuery(namespace, pattern, branches, withBranches, includeEol, size);
    }

    public PackageQuery withBranches(boolean value) {
        return new PackageQuery(namespace, pattern, branches, value, includeEol, pageSize);
    }

    public PackageQuery withEol(boolean value) {
        return new PackageQuery(namespace, pattern, branches, withBranches, value, pageSize);
    }
}
