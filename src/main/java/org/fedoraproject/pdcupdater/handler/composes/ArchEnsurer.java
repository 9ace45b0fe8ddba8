package org.fedoraproject.pdcupdater.handler.composes;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcDuplicateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure PDC knows every arch a compose uses before importing it. PDC seeds most RPM arches but not Fedora's
 * tree arch {@code armhfp} (pdc-api.md 2.2), and an import naming an unknown arch fails as a whole ("Arch matching
 * query does not exist."). The original updater did not do this (Fedora's PDC had armhfp added by hand); here an
 * arch is reference data a signed Pungi compose vouches for, creating it is idempotent, and it is the difference
 * between importing Fedora's composes and dead-lettering every one of them. {@code composes.ensure-arches=false}
 * turns it off for a PDC where arches are curated by hand.
 */
final class ArchEnsurer {

    private static final Logger LOG = LoggerFactory.getLogger(ArchEnsurer.class);

    private final PdcClient pdc;
    /** Arches PDC is known to have; arches are never deleted (no API), so this only grows. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    ArchEnsurer(PdcClient pdc) {
        this.pdc = pdc;
    }

    /** @return how many arches it created */
    int ensure(Set<String> arches, ChangeComment comment) {
        Set<String> missing = new TreeSet<>(arches);
        missing.removeAll(known);
        if (missing.isEmpty()) {
            return 0;
        }
        pdc.listAll("arches", Map.of()).forEach(a -> known.add(a.path("name").asText()));
        missing.removeAll(known);
        int created = 0;
        for (String arch : missing) {
            try {
                pdc.create("arches", Map.of("name", arch), comment);
                created++;
                LOG.info("Created arch {} in PDC: a compose uses it", arch);
            } catch (PdcDuplicateException e) {
                LOG.debug("Arch {} exists already (created meanwhile)", arch);
            }
            known.add(arch);
        }
        return created;
    }
}
