package org.fedoraproject.pdcupdater.handler.rpms;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.fedoraproject.pdcupdater.handler.UnknownReleaseException;
import org.fedoraproject.pdcupdater.pdc.PdcClient;

/**
 * Which releases PDC has. PDC never deletes a release (contract 2.4: no DELETE, only {@code active: false}), so a
 * release seen once is remembered for good and costs one read per process, not one per message. A release PDC
 * lacks is asked about again next time: an operator may have created it since.
 */
final class KnownReleases {

    private final PdcClient pdc;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    KnownReleases(PdcClient pdc) {
        this.pdc = pdc;
    }

    /** @throws UnknownReleaseException when PDC has no release {@code releaseId} */
    void require(String releaseId, String context) {
        if (known.contains(releaseId)) {
            return;
        }
        if (pdc.find("releases", releaseId).isEmpty()) {
            throw new UnknownReleaseException(releaseId, context);
        }
        known.add(releaseId);
    }
}
