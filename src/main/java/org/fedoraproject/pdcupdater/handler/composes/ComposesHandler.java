package org.fedoraproject.pdcupdater.handler.composes;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fedoraproject.pdcupdater.audit.AuditReport;
import org.fedoraproject.pdcupdater.audit.Difference;
import org.fedoraproject.pdcupdater.audit.SortedMerge;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.handler.Handler;
import org.fedoraproject.pdcupdater.handler.InitializeResult;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.source.compose.SourceCompose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * composes: Pungi composes (and the images they made) into PDC, like the original updater's
 * {@code NewComposeHandler}.
 *
 * <ul>
 * <li><b>handle</b> {@code pungi.compose.status.change} with status FINISHED or FINISHED_INCOMPLETE: import the
 * compose from the metadata at the message's location ({@link ComposeImporter}); other states (STARTED, DOOMED...)
 * are ignored.</li>
 * <li><b>audit</b>: every finished compose under the compose root must be in PDC with the images its images.json
 * lists (by file name: format, type, arch, size, checksums). Composes PDC has but the root no longer lists are not
 * reported: release engineering prunes old composes from kojipkgs (the original audit ignored them too). With
 * repair, missing composes and images are imported.</li>
 * <li><b>initialize</b>: import every finished compose under the compose root; one that fails is logged and
 * counted, and the others still go in.</li>
 * </ul>
 */
public final class ComposesHandler implements Handler {

    private static final Logger LOG = LoggerFactory.getLogger(ComposesHandler.class);
    public static final String NAME = "composes";

    private final ComposeImporter importer;
    private final Pdc pdc;

    public ComposesHandler(ComposeImporter importer, Pdc pdc) {
        this.importer = importer;
        this.pdc = pdc;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void handle(FedmsgEnvelope message) {
        ComposeMessage compose = ComposeMessage.of(message);
        if (!compose.finished()) {
            LOG.debug("Compose {} is {}: nothing to import until it finishes ({})", compose.composeId(),
                    compose.status(), message.msgId());
            return;
        }
        importer.importCompose(compose.location(), compose.composeId(),
                ChangeComment.forMessage(message.msgId(), message.topic()));
    }

    @Override
    public AuditReport audit(AuditRequest request) {
        AuditReport report = new AuditReport(NAME, request.keep());
        List<SourceCompose> composes = importer.source().finishedComposes();
        request.progress().total(composes.size());
        long compared = 0;
        for (SourceCompose c : composes) {
            compared++;
            if (!pdc.composes().exists(c.composeId())) {
                report.accept(Difference.absentFromPdc(c.composeId(), "compose at " + c.location()));
                repair(request, c);
            } else {
                long before = report.total();
                compared += auditImages(c, report);
                if (report.total() > before) {
                    repair(request, c);
                }
            }
            request.progress().advance(1);
        }
        return report.finish(compared);
    }

    /** The compose's images in PDC against its images.json, keyed {@code <compose id>/<file name>}. */
    private long auditImages(SourceCompose c, AuditReport report) {
        ImageManifest manifest = ImageManifest.parse(importer.source().images(c.location()), c.composeId(),
                importer.source().resolve(c.location()).metadata("images.json").toString());
        SortedMap<String, String> source = prefixed(c.composeId(), manifest.expected());
        SortedMap<String, String> inPdc = new TreeMap<>();
        pdc.client().stream("images", Map.of("compose", c.composeId())).map(ImageManifest::ofPdc)
                .forEach(e -> inPdc.put(c.composeId() + "/" + e.getKey(), e.getValue()));
        Iterator<Map.Entry<String, String>> s = source.entrySet().iterator();
        Iterator<Map.Entry<String, String>> p = inPdc.entrySet().iterator();
        return SortedMerge.diff(s, p, report);
    }

    private void repair(AuditRequest request, SourceCompose c) {
        if (!request.repair()) {
            return;
        }
        try {
            importer.importCompose(c.location(), c.composeId(), ChangeComment.of("audit repair: compose "
                    + c.composeId() + " from " + c.location()));
        } catch (RuntimeException e) {
            LOG.error("Audit repair of compose {} failed: {}", c.composeId(), e.toString());
        }
    }

    @Override
    public InitializeResult initialize(Progress progress) {
        List<SourceCompose> composes = importer.source().finishedComposes();
        progress.total(composes.size());
        long written = 0;
        int failed = 0;
        for (SourceCompose c : composes) {
            try {
                ComposeImporter.Outcome outcome = importer.importCompose(c.location(), c.composeId(),
                        ChangeComment.of("initialize: compose " + c.composeId() + " from " + c.location()));
                written += outcome.alreadyComplete() ? 0 : 1;
            } catch (RuntimeException e) {
                failed++;
                LOG.error("Initialize: compose {} at {} not imported: {}", c.composeId(), c.location(), e.toString());
            }
            progress.advance(1);
        }
        LOG.info("Initialize composes: {} finished composes found, {} imported, {} failed", composes.size(), written,
                failed);
        return new InitializeResult(NAME, composes.size(), written);
    }

    private static SortedMap<String, String> prefixed(String composeId, SortedMap<String, String> byFile) {
        SortedMap<String, String> out = new TreeMap<>();
        byFile.forEach((file, value) -> out.put(composeId + "/" + file, value));
        return out;
    }
}
