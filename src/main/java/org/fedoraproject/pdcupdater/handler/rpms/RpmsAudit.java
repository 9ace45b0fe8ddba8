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
 *   <li>PDC: {@code rpms/?linked_release=<release>} streamed page by page; each row marks its digest present or is
 *       an extra (linked, but no tagged build has it).</li>
 *   <li>Only when something is missing: the Koji batches again, picking out the RPMs not marked present
 *       (the digests cannot be turned back into NEVRAs).</li>
 * </ol>
 * Repair links what is missing (creating the rows PDC lacks altogether) and unlinks the extras; the extras are
 * unlinked after the PDC stream is read, because unlinking while paging by offset would shift rows past the pager.
 */
final class RpmsAudit {

    private static final Logger LOG = LoggerFactory.getLogger(RpmsAudit.class);

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
        TaggedBuilds builds = TaggedBuilds.of(koji, tags);
        request.progress().total(2L * builds.size());
        NevraHashes inKoji = new NevraHashes();
        builds.forEachBatch(koji, buildsPerBatch, request.progress(), rows -> rows.forEach(r -> inKoji.add(r.key())));
        inKoji.seal();

        List<PdcRpm> extras = new ArrayList<>();
        long[] pdcRows = {0};
        Map<String, Object> query = Map.of("linked_release", release, "fields", PdcRpm.FIELDS,
                "page_size", ExistingRpms.uncachedPageSize());
        try (Stream<JsonNode> linked = pdc.stream("rpms", query)) {
            linked.map(PdcRpm::from).forEach(row -> {
                pdcRows[0]++;
                if (!inKoji.markPresent(row.nevra().toString())) {
                    report.accept(Difference.absentFromSource(release + " " + row.nevra(),
                            "linked to " + release));
                    extras.add(row);
                }
            });
        }

        int missing = inKoji.absentCount();
        if (missing > 0) {
            ChangeComment comment = ChangeComment.of("audit repair: RPMs of builds tagged into "
                    + String.join(", ", tags) + " linked to " + release);
            int[] left = {missing};
            builds.forEachBatch(koji, buildsPerBatch, Progress.SILENT, rows -> {
                if (left[0] == 0) {
                    return;
                }
                List<RpmRow> absent = new ArrayList<>();
                for (RpmRow row : rows) {
                    if (inKoji.claimAbsent(row.key())) {
                        report.accept(Difference.absentFromPdc(release + " " + row.key(),
                                "tagged into " + String.join(", ", tags)));
                        absent.add(row);
                        left[0]--;
                    }
                }
                if (request.repair() && !absent.isEmpty()) {
                    linker.link(absent, release, comment);
                }
            });
        }
        if (request.repair() && !extras.isEmpty()) {
            ChangeComment comment = ChangeComment.of("audit repair: RPMs of no build tagged into "
                    + String.join(", ", tags) + " unlinked from " + release);
            extras.forEach(row -> linker.unlink(row, release, comment));
        }
        request.progress().advance(builds.size());
        LOG.info("rpms audit of {}: {} RPMs in Koji ({} builds in {}), {} linked in PDC, {} missing, {} extra{}",
                release, inKoji.size(), builds.size(), tags, pdcRows[0], missing, extras.size(),
                request.repair() ? " (repaired)" : "");
        return inKoji.size() + extras.size();
    }
}
