package org.fedoraproject.pdcupdater.handler.depchain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.fedoraproject.pdcupdater.source.koji.KojiCall;
import org.fedoraproject.pdcupdater.source.koji.KojiCallResult;
import org.fedoraproject.pdcupdater.source.koji.KojiClient;
import org.fedoraproject.pdcupdater.source.koji.KojiDep;
import org.fedoraproject.pdcupdater.source.koji.KojiRpm;

/**
 * Reads a build's requirements from Koji: {@code listRPMs(buildID)}, then {@code getRPMDeps} for
 * every RPM in one {@code system.multicall} (requires of all RPMs, provides of the binary ones), so
 * a build with 30 RPMs costs two requests, not sixty.
 *
 * <p>Like the original's {@code koji_yield_rpm_requires}, requirements whose flags carry more than a
 * version comparison are dropped: those are rpm's own ({@code rpmlib(...)}) and scriptlet interpreters
 * ({@code /sbin/ldconfig} for {@code %post}), not packages the build depends on.
 */
public final class KojiRequirements {

    private final KojiClient koji;

    public KojiRequirements(KojiClient koji) {
        this.koji = koji;
    }

    /** @param component the build's package name (its source RPM's name) */
    public BuildRequirements of(int buildId, String component) {
        List<KojiRpm> rpms = koji.listRPMs(buildId);
        List<KojiCall> calls = new ArrayList<>();
        for (KojiRpm rpm : rpms) {
            calls.add(KojiCall.of("getRPMDeps", rpm.id(), KojiDep.REQUIRES));
            if (!rpm.isSource()) {
                calls.add(KojiCall.of("getRPMDeps", rpm.id(), KojiDep.PROVIDES));
            }
        }
        List<KojiCallResult> results = calls.isEmpty() ? List.of() : koji.multicall(calls);
        Set<String> buildRequires = new HashSet<>();
        Set<String> runtimeRequires = new HashSet<>();
        Set<String> provides = new HashSet<>();
        int next = 0;
        for (KojiRpm rpm : rpms) {
            List<KojiDep> requires = deps(results.get(next++));
            Set<String> into = rpm.isSource() ? buildRequires : runtimeRequires;
            for (KojiDep dep : requires) {
                if (dep.isPlainComparison() && !dep.name().startsWith("rpmlib(")) {
                    into.add(dep.name());
                }
            }
            if (!rpm.isSource()) {
                provides.add(rpm.name());
                deps(results.get(next++)).forEach(d -> provides.add(d.name()));
            }
        }
        return new BuildRequirements(component, buildRequires, runtimeRequires, provides);
    }

    private static List<KojiDep> deps(KojiCallResult result) {
        Object value = result.valueOrThrow();
        List<KojiDep> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> out.add(KojiDep.from(item)));
        }
        return out;
    }
}
