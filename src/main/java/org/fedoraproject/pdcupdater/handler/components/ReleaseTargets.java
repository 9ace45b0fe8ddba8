package org.fedoraproject.pdcupdater.handler.components;

import org.fedoraproject.pdcupdater.handler.ReleaseMapping;
import org.fedoraproject.pdcupdater.handler.UnknownReleaseException;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.pdc.resource.Releases.Release;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * pkgdb branch → PDC release, through {@link ReleaseMapping}. Releases are made by hand in PDC and never here: a
 * branch whose release PDC lacks, or has deactivated, is an {@link UnknownReleaseException} for a message and is
 * skipped (and counted) by audit and initialize.
 */
final class ReleaseTargets {

    private final Pdc pdc;
    private final ReleaseMapping mapping;

    ReleaseTargets(Pdc pdc, ReleaseMapping mapping) {
        this.pdc = pdc;
        this.mapping = mapping;
    }

    /** For one message: the release of {@code branch}, read from PDC now. */
    ReleaseTarget forBranch(String branch, String context) {
        String releaseId = mapping.releaseForBranch(branch).orElseThrow(() -> new UnknownReleaseException(
                "(none: branch " + branch + " is not in the release mapping)", context));
        Release release = pdc.releases().get(releaseId)
                .orElseThrow(() -> new UnknownReleaseException(releaseId, context + ", branch " + branch));
        if (!Boolean.TRUE.equals(release.active())) {
            throw new UnknownReleaseException(releaseId, context + ", branch " + branch
                    + ": the release is inactive in PDC");
        }
        return ReleaseTarget.of(release, branch);
    }

    /** For a bulk run: PDC's active releases read once. */
    Snapshot snapshot() {
        Map<String, Release> active = new HashMap<>();
        pdc.releases().active().forEach(r -> active.put(r.releaseId(), r));
        return new Snapshot(active);
    }

    /** The active releases at the start of a bulk run. */
    final class Snapshot {
        private final Map<String, Release> active;

        private Snapshot(Map<String, Release> active) {
            this.active = active;
        }

        /** The release id {@code branch} maps to, whether or not PDC has it. */
        Optional<String> releaseIdOf(String branch) {
            return mapping.releaseForBranch(branch);
        }

        /** The active release {@code branch} maps to, if PDC has it. */
        Optional<ReleaseTarget> forBranch(String branch) {
            return mapping.releaseForBranch(branch).map(active::get).map(r -> ReleaseTarget.of(r, branch));
        }

        boolean isActive(String releaseId) {
            return active.containsKey(releaseId);
        }
    }
}
