package org.fedoraproject.pdcupdater.source.pkgdb;

import java.util.List;
import java.util.Optional;

/**
 * A package and, when asked for, its branches.
 *
 * @param name        e.g. {@code guake}
 * @param namespace   {@code rpms}, {@code modules} or {@code container}; older pkgdb did not say,
 *                    and then the namespace asked for is filled in
 * @param summary     one line
 * @param status      of the package as a whole: {@code Approved}, {@code Retired}, ...
 * @param upstreamUrl may be null
 * @param listings    one per branch; empty unless branches were requested
 */
public record PkgdbPackage(String name, String namespace, String summary, String status, String upstreamUrl,
        List<PkgdbListing> listings) {

    public PkgdbPackage {
        listings = List.copyOf(listings);
    }

    public Optional<PkgdbListing> listing(String branch) {
        return listings.stream().filter(l -> branch.equals(l.branch())).findFirst();
    }

    /** Branch names on which the package is retired. */
    public List<String> retiredBranches() {
        return listings.stream().filter(PkgdbListing::isRetired).map(PkgdbListing::branch).toList();
    }

    /** Branch names on which the package is alive. */
    public List<String> activeBranches() {
        return listings.stream().filter(l -> !l.isRetired() && !"Removed".equals(l.status()))
                .map(PkgdbListing::branch).toList();
    }
}
