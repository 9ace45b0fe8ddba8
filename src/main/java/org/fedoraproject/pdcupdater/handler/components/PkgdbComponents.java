package org.fedoraproject.pdcupdater.handler.components;

import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.source.pkgdb.PackageQuery;
import org.fedoraproject.pdcupdater.source.pkgdb.PkgdbClient;
import org.fedoraproject.pdcupdater.source.pkgdb.PkgdbListing;
import org.fedoraproject.pdcupdater.source.pkgdb.PkgdbPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Walks pkgdb's packages with their branches, one page at a time, and turns each package into the release
 * components PDC should have for it: one per listing whose branch maps to an active PDC release. Listings pkgdb
 * marks {@code Removed} are not components; {@code Retired} ones are (inactive ones: the component existed and was
 * retired). EOL collections are included, since the release mapping and PDC's active flag decide what is current.
 */
final class PkgdbComponents {

    private static final Logger LOG = LoggerFactory.getLogger(PkgdbComponents.class);

    /** Receives each package once per namespace with its components (possibly none). */
    interface PackageSink {
        void accept(String packageName, ComponentType type, Collection<DesiredComponent> components);
    }

    /** What one walk saw. */
    record Walk(long packages, long listings, long listingsWithoutActiveRelease) {
    }

    private final PkgdbClient pkgdb;
    private final List<ComponentType> types;

    PkgdbComponents(PkgdbClient pkgdb, List<ComponentType> types) {
        this.pkgdb = pkgdb;
        this.types = List.copyOf(types);
    }

    List<ComponentType> types() {
        return types;
    }

    Walk walk(ReleaseTargets.Snapshot releases, PackageSink sink, Progress progress) {
        long packages = 0;
        long listings = 0;
        long unplaced = 0;
        for (ComponentType type : types) {
            try (Stream<PkgdbPackage> stream = pkgdb.packages(PackageQuery.all(type.namespace()).withEol(true))) {
                for (Iterator<PkgdbPackage> it = stream.iterator(); it.hasNext(); ) {
                    PkgdbPackage pkg = it.next();
                    packages++;
                    // Two branches may map to one release (pkgdb1's "devel" and "master" are both rawhide): one
                    // component, active if either listing is.
                    Map<String, DesiredComponent> byRelease = new LinkedHashMap<>();
                    for (PkgdbListing listing : pkg.listings()) {
                        if ("Removed".equals(listing.status()) || listing.branch() == null) {
                            continue;
                        }
                        listings++;
                        var target = releases.forBranch(listing.branch());
                        if (target.isEmpty()) {
                            unplaced++;
                            continue;
                        }
                        DesiredComponent c = new DesiredComponent(target.get(), pkg.name(), type, !listing.isRetired());
                        byRelease.merge(c.releaseId(), c, (a, b) -> a.active() ? a : b);
                    }
                    sink.accept(pkg.name(), type, byRelease.values());
                    progress.advance(1);
                }
            }
        }
        Walk walk = new Walk(packages, listings, unplaced);
        LOG.debug("pkgdb walk: {}", walk);
        return walk;
    }
}
