package org.fedoraproject.pdcupdater.handler.rpms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.audit.Difference;
import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.source.koji.KojiClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit of one release: the RPMs of the builds tagged into the release's Koji tags against the PDC rows
 * linked to the release, compared by NEVRA in bounded memory.
 *
 * <ol>
 *   <li>Koji: the tags' builds (id and N-V-R only), then their RPMs in multicall batches, kept as 64-bit digests
 *       ({@link NevraHashes}), not as rows.</li>
 *   <li>PDC: {@code rpms/?linked_release=<release>} streamed page by page (a few pages requested ahead); each row
 *       marks its digest present or is an extra (linked, but no tagged build has it).</li>
 *   <li>Only when something is missing: the builds holding RPMs not marked present, read again to name those RPMs
 *       (the digests cannot be turned back into NEVRAs, but each remembers its build).</li>
 * </ol>
 * Repair links what is missing (creating the rows PDC lacks altogether) and unlinks the extras; the extras are
 * unlinked after the PDC stream is read, because unlinking while paging by offset would shift rows past the pager.
 */
final class RpmsAudit {

    private static final Logger LOG = LoggerFactory.getLogger(RpmsAudit.class);
    /**
     * PDC pages requested while one is read: a release's 1,000,000 RPMs are 10,000 pages of 100, and waiting for
     * each in turn leaves PDC's workers idle. Four keeps a few of them busy without crowding out the updater.
     */
    private static final int PDC_PAGES_AHEAD = 4;

    private final PdcClient pdc;
    private final KojiClient koji;
    private final ReleaseLinker linker;
    private final int buildsPerBatch;

    RpmsAudit(PdcClient pdc, KojiClient koji, ReleaseLinker linker, int buildsPerBatch) {
        this.pdc = pdc;
        this.koji = koji;
        this.linker = linker;
        this.buildsPerBatch = buildsPerBatch;
    }

    /** @return how many NEVRAs were compared (both sides together, each once) */
    long audit(String release, List<String> tags, AuditRequest request, Consumer<Difference> report) {
        long t0 = System.nanoTime();
        TaggedBuilds builds = TaggedBuilds.of(koji, tags);
        request.progress().total(2L * builds.size());
        long listed = System.nanoTime();
        NevraHashes inKoji = new NevraHashes();
        builds.forEachBuild(koji, buildsPerBatch, null, request.progress(),
                (build, rows) -> rows.forEach(r -> inKoji.add(r.key(), build)), () -> { });
        inKoji.seal();
        long kojiRead = System.nanoTime();

        List<PdcRpm> extras = new ArrayList<>();
        long[] pdcRows = {0};
        Map<String, Object> query = Map.of("linked_release", release, "fields", PdcRpm.FIELDS,
                "page_size", ExistingRpms.uncachedPageSize());
        try (Stream<JsonNode> linked = pdc.streamAhead("rpms", query, PDC_PAGES_AHEAD)) {
            linked.map(PdcRpm::from).forEach(row -> {
                pdcRows[0]++;
                if (!inKoji.markPresent(row.nevra().toString())) {
                    report.accept(Difference.absentFromSource(release + " " + row.nevra(),
                            "linked to " + release));
                    extras.add(row);
                }
            });
        }
        long pdcRead = System.nanoTime();

        int missing = inKoji.absentCount();
        if (missing > 0) {
            // Only the builds that have RPMs PDC lacks are read again, to name those RPMs.
            ChangeComment comment = ChangeComment.of("audit repair: RPMs of builds tagged into "
                    + String.join(", ", tags) + " linked to " + release);
            List<RpmRow> absent = new ArrayList<>();
            builds.forEachBuild(koji, buildsPerBatch, inKoji.buildsWithAbsent(), Progress.SILENT, (build, rows) -> {
                for (RpmRow row : rows) {
                    if (inKoji.claimAbsent(row.key())) {
                        report.accept(Difference.absentFromPdc(release + " " + row.key(),
                                "tagged into " + String.join(", ", tags)));
                        absent.add(row);
                    }
                }
            }, () -> {
                if (request.repair() && !absent.isEmpty()) {
                    linker.link(absent, release, comment);
                }
                absent.clear();
            });
        }
        if (request.repair() && !extras.isEmpty()) {
            ChangeComment comment = ChangeComment.of("audit repair: RPMs of no build tagged into "
                    + String.join(", ", tags) + " unlinked from " + release);
            extras.forEach(row -> linker.unlink(row, release, comment));
        }
        request.progress().advance(builds.size());
        long end = System.nanoTime();
        LOG.info("rpms audit of {}: {} RPMs in Koji ({} builds in {}), {} linked in PDC, {} missing, {} extra{};"
                        + " {} ms listing the tags, {} ms reading their RPMs, {} ms reading PDC, {} ms for the missing",
                release, inKoji.size(), builds.size(), tags, pdcRows[0], missing, extras.size(),
                request.repair() ? " (repaired)" : "", millis(listed - t0), millis(kojiRead - listed),
                millis(pdcRead - kojiRead), millis(end - pdcRead));
        return inKoji.size() + extras.size();
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000L;
    }
}
