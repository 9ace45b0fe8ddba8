package org.fedoraproject.pdcupdater.handler.composes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.fedoraproject.pdcupdater.handler.UnknownReleaseException;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.source.compose.ComposeLocation;
import org.fedoraproject.pdcupdater.source.compose.ComposeMetadataClient;
import org.fedoraproject.pdcupdater.source.compose.ManifestStream;
import org.fedoraproject.pdcupdater.source.http.SourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports one Pungi compose into PDC from its metadata: {@code compose-rpms/} with rpms.json streamed from the source
 * to PDC (validated on the way, see {@link RpmImportBody}), then {@code compose-images/} with images.json.
 *
 * <p>Order and idempotency. PDC runs each import in its own transaction, so a compose is imported in two steps
 * that can each fail alone. The original updater posted images first and skipped a compose as soon as
 * {@code composes/{id}/} existed, which leaves a compose whose RPM import failed without RPMs forever. Here each half
 * is checked on its own ({@code rpms/?compose=} and {@code images/?compose=}; a half is all-or-nothing, so one row
 * means it is complete) and only the missing half is imported; a compose with both is left alone without
 * downloading anything more than composeinfo.json. RPMs go first because the manifest is the part that can turn out
 * bad midway: everything small (composeinfo, images.json, the release) is checked before any write, so a bad
 * manifest leaves PDC without any trace of the compose, and images fail only for reasons PDC gives (an image format
 * it does not know), after which a retry imports just the images.
 */
public final class ComposeImporter {

    private static final Logger LOG = LoggerFactory.getLogger(ComposeImporter.class);

    /**
     * What an import did.
     *
     * @param rpms          RPM entries imported, 0 when none were needed, -1 when the compose has no rpms.json
     * @param images        image entries imported (0 when none were needed)
     * @param manifestBytes rpms.json bytes streamed to PDC
     * @param uploadNanos   from the start of the rpms import until its body was sent
     * @param pdcNanos      from then until PDC answered (its database work)
     */
    public record Outcome(String composeId, String releaseId, boolean alreadyComplete, long rpms, long images,
                          long manifestBytes, int archesCreated, long uploadNanos, long pdcNanos) {
    }

    private final Pdc pdc;
    private final ComposeMetadataClient source;
    private final ArchEnsurer arches;
    private final boolean ensureArches;
    private final Duration importTimeout;

    /**
     * @param ensureArches  create arches PDC lacks before an import (see {@link ArchEnsurer})
     * @param importTimeout how long one streamed rpms import may take, upload and PDC's work together
     */
    public ComposeImporter(Pdc pdc, ComposeMetadataClient source, boolean ensureArches, Duration importTimeout) {
        this.pdc = pdc;
        this.source = source;
        this.arches = new ArchEnsurer(pdc.client());
        this.ensureArches = ensureArches;
        this.importTimeout = importTimeout;
    }

    public ComposeMetadataClient source() {
        return source;
    }

    /**
     * @param expectedComposeId the id the message gave, or null (initialize): composeinfo must agree with it
     * @throws InvalidComposeMetadataException unusable metadata, or metadata of another compose
     * @throws UnknownReleaseException         the compose's release is not in PDC (releases are made by hand)
     * @throws SourceException                 the metadata could not be read (404 included)
     */
    public Outcome importCompose(ComposeLocation location, String expectedComposeId, ChangeComment comment) {
        ComposeLocation where = source.resolve(location);
        ComposeInfoDocument info = ComposeInfoDocument.parse(source.composeinfo(location),
                where.metadata("composeinfo.json").toString());
        String id = info.composeId();
        if (expectedComposeId != null && !expectedComposeId.equals(id)) {
            throw new InvalidComposeMetadataException("the message names compose '" + expectedComposeId + "' but "
                    + where.metadata("composeinfo.json") + " describes '" + id + "'");
        }
        if (pdc.releases().get(info.releaseId()).isEmpty()) {
            throw new UnknownReleaseException(info.releaseId(), "compose " + id
                    + ", from composeinfo payload.release");
        }
        boolean composeKnown = pdc.composes().exists(id);
        boolean needRpms = !composeKnown || pdc.client().count("rpms", Map.of("compose", id)) == 0;
        boolean needImages = !composeKnown || pdc.client().count("images", Map.of("compose", id)) == 0;
        if (!needRpms && !needImages) {
            LOG.info("Compose {} is in PDC with its RPMs and images; nothing to import", id);
            return new Outcome(id, info.releaseId(), true, 0, 0, 0, 0, 0, 0);
        }
        ImageManifest images = ImageManifest.parse(source.images(location), id,
                where.metadata("images.json").toString());
        Optional<ManifestStream> rpmsJson = needRpms ? source.openRpms(location) : Optional.empty();
        if (needRpms && rpmsJson.isEmpty() && !needImages) {
            LOG.info("Compose {} is in PDC with its images and has no rpms.json; nothing to import", id);
            return new Outcome(id, info.releaseId(), true, -1, 0, 0, 0, 0, 0);
        }
        try {
            Set<String> used = new TreeSet<>(info.arches());
            used.addAll(images.arches());
            int archesCreated = ensureArches && (rpmsJson.isPresent() || needImages && images.images() > 0)
                    ? arches.ensure(used, comment) : 0;
            long rpms = 0;
            long bytes = 0;
            long uploadNanos = 0;
            long pdcNanos = 0;
            if (needRpms && rpmsJson.isEmpty()) {
                LOG.warn("Compose {} has no rpms.json at {}: imported without RPMs (Atomic composes have none)", id,
                        where.metadata("rpms.json"));
                rpms = -1;
            } else if (needRpms) {
                long[] counted = streamRpms(rpmsJson.get(), location, info, comment);
                rpmsJson = Optional.empty(); // handed over
                rpms = counted[0];
                bytes = counted[1];
                uploadNanos = counted[2];
                pdcNanos = counted[3];
            }
            long imported = 0;
            if (needImages && images.images() > 0) {
                imported = pdc.composes().importImages(info.releaseId(), info.document(), images.document(), comment)
                        .imported();
            }
            LOG.info("Imported compose {} into release {}: {} rpms ({} MB manifest streamed in {} s, PDC took {} s "
                            + "more), {} images{}", id, info.releaseId(), rpms, bytes / 1_000_000,
                    uploadNanos / 1_000_000_000, pdcNanos / 1_000_000_000, imported,
                    archesCreated > 0 ? ", " + archesCreated + " new arches" : "");
            return new Outcome(id, info.releaseId(), false, rpms, imported, bytes, archesCreated, uploadNanos,
                    pdcNanos);
        } finally {
            rpmsJson.ifPresent(ManifestStream::close);
        }
    }

    /** @return {rpms imported, manifest bytes, upload ns, PDC ns} */
    private long[] streamRpms(ManifestStream first, ComposeLocation location, ComposeInfoDocument info,
                              ChangeComment comment) {
        UploadFailure failure = new UploadFailure();
        AtomicReference<ManifestStream> unused = new AtomicReference<>(first);
        List<RpmImportBody> bodies = new CopyOnWriteArrayList<>();
        // One body per attempt of the PDC client: the first uses the download opened above, a retry (PDC answered
        // 5xx, the connection to PDC broke) downloads again. A failure on the source side ends the attempts.
        Supplier<HttpRequest.BodyPublisher> body = () -> {
            failure.rethrow();
            return new PiecesPublisher(() -> {
                try {
                    ManifestStream stream = unused.getAndSet(null);
                    if (stream == null) {
                        stream = source.openRpms(location).orElseThrow(() -> new SourceException("compose metadata",
                                source.resolve(location).metadata("rpms.json").toString(), 404, false,
                                "rpms.json of " + info.composeId() + " disappeared during the import", null));
                    }
                    RpmImportBody b = new RpmImportBody(stream, info.releaseId(), info.document(), info.composeId(),
                            failure);
                    bodies.add(b);
                    return b;
                } catch (IOException e) {
                    throw failure.record(new UncheckedIOException(e));
                } catch (RuntimeException e) {
                    throw failure.record(e);
                }
            });
        };
        long started = System.nanoTime();
        try {
            long imported = pdc.composes().importRpms(body, importTimeout, comment).imported();
            long answered = System.nanoTime();
            RpmImportBody last = bodies.get(bodies.size() - 1);
            long sent = last.finishedAtNanos() == 0 ? answered : last.finishedAtNanos();
            return new long[]{imported, last.bytesRead(), sent - started, answered - sent};
        } catch (RuntimeException e) {
            try {
                failure.rethrow();
            } catch (RuntimeException cause) {
                if (cause != e) {
                    cause.addSuppressed(e);
                }
                throw cause;
            }
            throw e;
        } finally {
            ManifestStream left = unused.getAndSet(null);
            if (left != null) {
                left.close();
            }
            for (RpmImportBody b : bodies) {
                try {
                    b.close();
                } catch (IOException | RuntimeException ignored) {
                    // closing a finished or aborted download
                }
            }
        }
    }
}
