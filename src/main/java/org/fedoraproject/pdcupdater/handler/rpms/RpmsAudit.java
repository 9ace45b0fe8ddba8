package org.fedoraproject.pdcupdater.handler.rpms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 *   <li>Koji, on a thread of its own: the tags' builds (id and N-V-R only), then their RPMs in multicall batches,
 *       kept as 64-bit digests with the build's index ({@link NevraHashes}), not as rows.</li>
 *   <li>PDC, at the same time: {@code rpms/?linked_release=<release>} streamed page by page (a few pages requested
 *       ahead), kept as digests with the row's id. 12 bytes per RPM per side: 24 MB for a release of a million.</li>
 *   <li>The sides compared digest by digest. PDC rows no tagged build has (extras) are fetched again by id (or, when
 *       there are thousands, picked out of a second pass); RPMs PDC lacks are named by reading again only the builds
 *       that hold them.</li>
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
    /** Up to this many extra rows are fetched one by one; more are picked out of a second pass over the release. */
    private static final int EXTRAS_BY_ID = 2_000;

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
        // Koji's side on another thread while PDC's is read here: two sources, each mostly waiting for the other end.
        ExecutorService kojiSide = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rpms-audit-koji");
            t.setDaemon(true);
            return t;
        });
        KojiSide inKoji;
        NevraHashes inPdc = new NevraHashes();
        long pdcRead;
        try {
            Future<KojiSide> kojiFuture = kojiSide.submit(() -> readKoji(tags, request.progress()));
            Map<String, Object> query = Map.of("linked_release", release, "fields", PdcRpm.NEVRA_FIELDS,
                    "page_size", ExistingRpms.uncachedPageSize());
            try (Stream<JsonNode> linked = pdc.streamAhead("rpms", query, PDC_PAGES_AHEAD)) {
                linked.forEach(row -> inPdc.add(PdcRpm.nevraOf(row).toString(), row.path("id").asInt()));
            }
            inPdc.seal();
            pdcRead = System.nanoTime();
            inKoji = TaggedBuilds.await(kojiFuture, "reading Koji's side of the audit");
        } finally {
            kojiSide.shutdownNow();
        }
        long bothRead = System.nanoTime();

        // PDC rows whose NEVRA no tagged build has: looked up again by id, to name them and to repair them.
        IntList extraIds = new IntList();
        inPdc.forEach((digest, id) -> {
            if (!inKoji.hashes().markPresent(digest)) {
                extraIds.add(id);
            }
        });
        List<PdcRpm> extras = new ArrayList<>();
        for (PdcRpm row : extraRows(release, extraIds.sorted())) {
            report.accept(Difference.absentFromSource(release + " " + row.nevra(), "linked to " + release));
            extras.add(row);
        }
        long extrasNamed = System.nanoTime();

        int missing = inKoji.hashes().absentCount();
        if (missing > 0) {
            // Only the builds that have RPMs PDC lacks are read again, to name those RPMs.
            ChangeComment comment = ChangeComment.of("audit repair: RPMs of builds tagged into "
                    + String.join(", ", tags) + " linked to " + release);
            List<RpmRow> absent = new ArrayList<>();
            // With their dependencies only when they are to be written.
            inKoji.builds().forEachBuild(koji, buildsPerBatch, inKoji.hashes().buildsWithAbsent(), request.repair(),
                    Progress.SILENT,
                    (build, rows) -> {
                        for (RpmRow row : rows) {
                            if (inKoji.hashes().claimAbsent(row.key())) {
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
        request.progress().advance(inKoji.builds().size());
        long end = System.nanoTime();
        LOG.info("rpms audit of {}: {} RPMs in Koji ({} builds in {}), {} linked in PDC, {} missing, {} extra{};"
                        + " Koji read in {} ms ({} ms listing the tags), PDC read in {} ms (at the same time),"
                        + " {} ms for the differences ({} ms naming the extras)",
                release, inKoji.hashes().size(), inKoji.builds().size(), tags, inPdc.size(), missing, extras.size(),
                request.repair() ? " (repaired)" : "", millis(inKoji.readAt() - t0), millis(inKoji.listedAt() - t0),
                millis(pdcRead - t0), millis(end - bothRead), millis(extrasNamed - bothRead));
        return inKoji.hashes().size() + extras.size();
    }

    /** Koji's side of an audit: the tagged builds and the digests of their RPMs, and when each was done. */
    private record KojiSide(TaggedBuilds builds, NevraHashes hashes, long listedAt, long readAt) {
    }

    private KojiSide readKoji(List<String> tags, Progress progress) {
        TaggedBuilds builds = TaggedBuilds.of(koji, tags);
        progress.total(2L * builds.size());
        long listed = System.nanoTime();
        NevraHashes hashes = new NevraHashes();
        builds.forEachBuild(koji, buildsPerBatch, null, false, progress,
                (build, rows) -> rows.forEach(r -> hashes.add(r.key(), build)), () -> { });
        hashes.seal();
        return new KojiSide(builds, hashes, listed, System.nanoTime());
    }

    /**
     * The rows of {@code ids}: one request each when there are few (the usual drift), else one more pass over the
     * release's rows picking them out, so a release that drifted wholesale costs one more stream, not a million GETs.
     */
    private List<PdcRpm> extraRows(String release, int[] ids) {
        List<PdcRpm> rows = new ArrayList<>(ids.length);
        if (ids.length <= EXTRAS_BY_ID) {
            // A few requests at a time, as for the pages: one at a time, 500 extras waited for 500 round trips.
            ExecutorService lookups = Executors.newFixedThreadPool(PDC_PAGES_AHEAD, r -> {
                Thread t = new Thread(r, "rpms-audit-extras");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<Optional<JsonNode>>> found = new ArrayList<>(ids.length);
                for (int id : ids) {
                    found.add(lookups.submit(() -> pdc.find("rpms", id)));
                }
                for (Future<Optional<JsonNode>> row : found) {
                    TaggedBuilds.await(row, "looking up extra PDC rows").map(PdcRpm::from).ifPresent(rows::add);
                }
            } finally {
                lookups.shutdownNow();
            }
            return rows;
        }
        Map<String, Object> query = Map.of("linked_release", release, "fields", PdcRpm.FIELDS,
                "page_size", ExistingRpms.uncachedPageSize());
        try (Stream<JsonNode> linked = pdc.streamAhead("rpms", query, PDC_PAGES_AHEAD)) {
            linked.filter(row -> Arrays.binarySearch(ids, row.path("id").asInt()) >= 0)
                    .forEach(row -> rows.add(PdcRpm.from(row)));
        }
        return rows;
    }

    /** A growable list of ints (PDC ids), to avoid a boxed list of up to a release's size. */
    private static final class IntList {
        private int[] values = new int[64];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] sorted() {
            int[] out = Arrays.copyOf(values, size);
            Arrays.sort(out);
            return out;
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000L;
    }
}
