package org.fedoraproject.pdcupdater.handler.rpms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcDuplicateException;
import org.fedoraproject.pdcupdater.pdc.PdcException;
import org.fedoraproject.pdcupdater.pdc.PdcTransientException;
import org.fedoraproject.pdcupdater.pdc.resource.Rpms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes PDC's {@code rpms/} rows of a set of RPMs linked (or no longer linked) to one release, in bulk.
 *
 * <p>Linking is <b>create first</b>: a build that has just been tagged is nearly always new to PDC (a mass rebuild
 * is nothing else), so the rows are bulk-created with the link in one request. Only when PDC answers that one of
 * them exists (the build was tagged into another release before, or this message is handled again) does it read
 * which exist (one filtered read per {@value ExistingRpms#FILENAMES_PER_READ} RPMs), bulk-create the rest, and PATCH
 * {@code linked_releases} on the existing rows that lack the release. PDC applies a bulk create all-or-nothing and
 * records no changeset for a refused one, so the failed attempt leaves no trace; handling a message twice writes
 * nothing the second time.
 *
 * <p>{@code linked_releases} is replaced whole by a PATCH (contract 2.17), so every PATCH sends the list just read
 * (uncached) plus or minus the one release.
 */
final class ReleaseLinker {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseLinker.class);
    private static final int RECONCILE_ATTEMPTS = 3;

    /** What a call changed in PDC. */
    record Changes(int created, int linked, int unlinked) {
        static final Changes NONE = new Changes(0, 0, 0);

        Changes plus(Changes other) {
            return new Changes(created + other.created, linked + other.linked, unlinked + other.unlinked);
        }

        int writes() {
            return created + linked + unlinked;
        }
    }

    private final PdcClient pdc;
    private final ExistingRpms existing;

    ReleaseLinker(PdcClient pdc) {
        this.pdc = pdc;
        this.existing = new ExistingRpms(pdc);
    }

    /** Every row exists in PDC and is linked to {@code release}. */
    Changes link(List<RpmRow> rows, String release, ChangeComment comment) {
        if (rows.isEmpty()) {
            return Changes.NONE;
        }
        try {
            create(rows, release, comment);
            return new Changes(rows.size(), 0, 0);
        } catch (PdcException e) {
            if (!isCreateConflict(e)) {
                throw e;
            }
            LOG.debug("Some of {} RPMs ({}...) are in PDC already; linking them to {} one by one", rows.size(),
                    rows.get(0).key(), release);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return reconcile(rows, release, comment);
            } catch (PdcException e) {
                // A concurrent writer (an audit repair, another instance) created one of the missing rows between
                // the read and the create: read again.
                if (!isCreateConflict(e) || attempt == RECONCILE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Reads which rows exist, creates the others and links the existing ones that lack the release. */
    private Changes reconcile(List<RpmRow> rows, String release, ChangeComment comment) {
        Map<Rpms.Nevra, PdcRpm> found = existing.of(rows);
        List<RpmRow> missing = new ArrayList<>();
        for (RpmRow row : rows) {
            if (!found.containsKey(row.nevra())) {
                missing.add(row);
            }
        }
        if (!missing.isEmpty()) {
            create(missing, release, comment);
        }
        int linked = 0;
        for (RpmRow row : rows) {
            PdcRpm current = found.get(row.nevra());
            if (current != null && !current.linkedTo(release)) {
                setLinks(current, current.plus(release), row, comment);
                linked++;
            }
        }
        return new Changes(missing.size(), linked, 0);
    }

    /** No row of {@code rows} is linked to {@code release} any more; the rows themselves stay (PDC has no delete). */
    Changes unlink(List<RpmRow> rows, String release, ChangeComment comment) {
        if (rows.isEmpty()) {
            return Changes.NONE;
        }
        int unlinked = 0;
        for (PdcRpm current : existing.of(rows).values()) {
            if (current.linkedTo(release)) {
                setLinks(current, current.minus(release), comment);
                unlinked++;
            }
        }
        return new Changes(0, 0, unlinked);
    }

    /** Removes {@code release} from a row read just before (the audit's extra rows). */
    Changes unlink(PdcRpm current, String release, ChangeComment comment) {
        if (!current.linkedTo(release)) {
            return Changes.NONE;
        }
        setLinks(current, current.minus(release), comment);
        return new Changes(0, 0, 1);
    }

    private void create(List<RpmRow> rows, String release, ChangeComment comment) {
        List<ObjectNode> bodies = new ArrayList<>(rows.size());
        List<String> releases = List.of(release);
        rows.forEach(r -> bodies.add(r.createBody(releases)));
        pdc.bulkCreate("rpms", bodies, comment);
    }

    private void setLinks(PdcRpm current, List<String> releases, ChangeComment comment) {
        pdc.patch("rpms", current.id(), Map.of("linked_releases", releases), comment);
    }

    /**
     * Links a row that exists already (made by a compose import, or by a tagging into another release) and writes the
     * dependencies read with it in the same PATCH: such a row may have been created without them.
     */
    private void setLinks(PdcRpm current, List<String> releases, RpmRow row, ChangeComment comment) {
        if (row.dependencies() == null) {
            setLinks(current, releases, comment);
            return;
        }
        pdc.patch("rpms", current.id(), Map.of("linked_releases", releases, "dependencies", row.dependenciesJson()),
                comment);
    }

    private static boolean isCreateConflict(PdcException e) {
        return e instanceof PdcDuplicateException || (e instanceof PdcTransientException && e.status() == 409);
    }
}
