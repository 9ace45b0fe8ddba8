package org.fedoraproject.pdcupdater.handler.depchain;

import java.util.HashSet;
import java.util.Set;

import org.fedoraproject.pdcupdater.source.koji.KojiBuildContents;
import org.fedoraproject.pdcupdater.source.koji.KojiDep;
import org.fedoraproject.pdcupdater.source.koji.KojiRpm;

/**
 * A build's requirements from Koji: the requires of every RPM (the source RPM's are build requirements, the
 * others' runtime ones) and the provides of the binary ones, out of the build's RPMs and dependencies as
 * {@link KojiBuildContents} reads them (two Koji requests for the build, shared with the rpms handler).
 *
 * <p>Like the original's {@code koji_yield_rpm_requires}, requirements whose flags carry more than a
 * version comparison are dropped: those are rpm's own ({@code rpmlib(...)}) and scriptlet interpreters
 * ({@code /sbin/ldconfig} for {@code %post}), not packages the build depends on.
 */
public final class KojiRequirements {

    private final KojiBuildContents builds;

    public KojiRequirements(KojiBuildContents builds) {
        this.builds = builds;
    }

    /** @param component the build's package name (its source RPM's name) */
    public BuildRequirements of(int buildId, String component) {
        KojiBuildContents.Contents build = builds.of(buildId);
        Set<String> buildRequires = new HashSet<>();
        Set<String> runtimeRequires = new HashSet<>();
        Set<String> provides = new HashSet<>();
        for (KojiRpm rpm : build.rpms()) {
            Set<String> into = rpm.isSource() ? buildRequires : runtimeRequires;
            for (KojiDep dep : build.deps(rpm, KojiDep.REQUIRES)) {
                if (dep.isPlainComparison() && !dep.name().startsWith("rpmlib(")) {
                    into.add(dep.name());
                }
            }
            if (!rpm.isSource()) {
                provides.add(rpm.name());
                build.deps(rpm, KojiDep.PROVIDES).forEach(d -> provides.add(d.name()));
            }
        }
        return new BuildRequirements(component, buildRequires, runtimeRequires, provides);
    }
}
