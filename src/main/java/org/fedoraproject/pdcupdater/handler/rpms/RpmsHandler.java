package org.fedoraproject.pdcupdater.handler.rpms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.fedoraproject.pdcupdater.audit.AuditReport;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.handler.Handler;
import org.fedoraproject.pdcupdater.handler.InitializeResult;
import org.fedoraproject.pdcupdater.handler.InvalidMessageException;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.handler.ReleaseMapping;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.source.koji.KojiBuildContents;
import org.fedoraproject.pdcupdater.source.koji.KojiClient;
import org.fedoraproject.pdcupdater.source.koji.KojiRpm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Koji builds → PDC {@code rpms/}: a build tagged into a tag that feeds a release gets its RPMs into PDC, linked to
 * that release; untagged, the link goes (the rows stay: PDC cannot delete an RPM). Tags that feed no release
 * (candidate, pending, side tags) and messages of secondary-architecture hubs are ignored, counted in
 * {@code pdcupdater.rpms.ignored}.
 *
 * <p>Per message: one Koji request ({@code listRPMs}; two for old messages without {@code build_id}), plus one for a
 * tagging: the dependencies of all the build's RPMs in one multicall, written with the rows ({@link RpmDependencies}).
 * A tagging's two reads go through {@link KojiBuildContents}, where the dependency chain handler of the same
 * message finds them.
 * For a build new to PDC, one PDC request (a bulk create of all its RPMs with the link); see {@link ReleaseLinker}.
 */
public final class RpmsHandler implements Handler {

    public static final String NAME = "rpms";
    private static final Logger LOG = LoggerFactory.getLogger(RpmsHandler.class);

    private final KojiClient koji;
    private final KojiBuildContents builds;
    private final ReleaseMapping mapping;
    private final List<String> tags;
    private final int buildsPerBatch;
    private final KnownReleases releases;
    private final ReleaseLinker linker;
    private final RpmsAudit audit;
    private final MeterRegistry registry;

    /**
     * @param builds         a build's RPMs and dependencies, read once for this handler and the dependency chain
     * @param tags           the Koji tags audit and initialize read (each feeds the release {@code mapping} gives it)
     * @param buildsPerBatch builds whose RPMs are asked for in one Koji multicall (audit, initialize)
     */
    public RpmsHandler(PdcClient pdc, KojiClient koji, KojiBuildContents builds, ReleaseMapping mapping,
                       List<String> tags, int buildsPerBatch, MeterRegistry registry) {
        this.koji = koji;
        this.builds = builds;
        this.mapping = mapping;
        this.tags = List.copyOf(tags);
        this.buildsPerBatch = buildsPerBatch;
        this.registry = registry;
        this.releases = new KnownReleases(pdc);
        this.linker = new ReleaseLinker(pdc);
        this.audit = new RpmsAudit(pdc, koji, linker, buildsPerBatch);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void handle(FedmsgEnvelope message) {
        TagMessage tagging = TagMessage.of(message);
        if (!tagging.fromPrimaryHub()) {
            ignored("secondary-hub", tagging, message);
            return;
        }
        Optional<String> release = mapping.releaseForTag(tagging.tag());
        if (release.isEmpty()) {
            ignored("tag-without-release", tagging, message);
            return;
        }
        releases.require(release.get(), "koji tag " + tagging.tag() + " in " + message.msgId());
        int buildId = tagging.buildId().orElseGet(() -> koji.getBuild(tagging.nvr())
                .orElseThrow(() -> new InvalidMessageException("Koji has no build " + tagging.nvr()))
                .id());
        // A tagging's rows carry their dependencies; an untag only needs the NEVRAs.
        KojiBuildContents.Contents build = tagging.tagged() ? builds.of(buildId) : null;
        List<KojiRpm> rpms = build != null ? build.rpms() : koji.listRPMs(buildId);
        if (rpms.isEmpty()) {
            // Not an RPM build (container, module, image) or a build Koji no longer has: nothing for rpms/.
            LOG.info("{}: Koji lists no RPMs for build {}; nothing to do", tagging, buildId);
            return;
        }
        List<RpmRow> rows = build != null
                ? RpmRow.ofBuild(tagging.name(), tagging.version(), tagging.release(), rpms, RpmDependencies.of(build.deps()))
                : RpmRow.ofBuild(tagging.name(), tagging.version(), tagging.release(), rpms);
        ChangeComment comment = ChangeComment.forMessage(message.msgId(), message.topic());
        ReleaseLinker.Changes changes = tagging.tagged() ? linker.link(rows, release.get(), comment)
                : linker.unlink(rows, release.get(), comment);
        count(changes);
        LOG.debug("{} -> {}: {} RPMs, {} created, {} linked, {} unlinked", tagging, release.get(), rows.size(),
                changes.created(), changes.linked(), changes.unlinked());
    }

    @Override
    public AuditReport audit(AuditRequest request) {
        AuditReport report = new AuditReport(NAME, request.keep());
        long compared = 0;
        for (Map.Entry<String, List<String>> release : tagsByRelease().entrySet()) {
            releases.require(release.getKey(), "koji tags " + release.getValue() + " (rpms.tags)");
            compared += audit.audit(release.getKey(), release.getValue(), request, report);
        }
        return report.finish(compared);
    }

    @Override
    public InitializeResult initialize(Progress progress) {
        AtomicLong examined = new AtomicLong();
        AtomicLong written = new AtomicLong();
        for (Map.Entry<String, List<String>> release : tagsByRelease().entrySet()) {
            String releaseId = release.getKey();
            releases.require(releaseId, "koji tags " + release.getValue() + " (rpms.tags)");
            TaggedBuilds builds = TaggedBuilds.of(koji, release.getValue());
            progress.total(builds.size());
            ChangeComment comment = ChangeComment.of("initialize: RPMs of builds tagged into "
                    + String.join(", ", release.getValue()) + " linked to " + releaseId);
            builds.forEachBatch(koji, buildsPerBatch, progress, rows -> {
                ReleaseLinker.Changes changes = linker.link(rows, releaseId, comment);
                count(changes);
                examined.addAndGet(rows.size());
                written.addAndGet(changes.writes());
            });
            LOG.info("rpms initialize of {}: {} builds from {}", releaseId, builds.size(), release.getValue());
        }
        return new InitializeResult(NAME, examined.get(), written.get());
    }

    /** The configured tags grouped by the release each feeds, in configuration order. */
    Map<String, List<String>> tagsByRelease() {
        Map<String, List<String>> byRelease = new LinkedHashMap<>();
        for (String tag : tags) {
            Optional<String> release = mapping.releaseForTag(tag);
            if (release.isEmpty()) {
                LOG.warn("rpms.tags lists Koji tag {}, which feeds no release in the release mapping; skipped", tag);
                continue;
            }
            byRelease.computeIfAbsent(release.get(), r -> new java.util.ArrayList<>()).add(tag);
        }
        return byRelease;
    }

    private void ignored(String reason, TagMessage tagging, FedmsgEnvelope message) {
        Counter.builder("pdcupdater.rpms.ignored").description("buildsys.tag/untag messages the rpms handler skips")
                .tag("reason", reason).register(registry).increment();
        LOG.debug("{} ({}): ignored, {}", tagging, message.msgId(), reason);
    }

    private void count(ReleaseLinker.Changes changes) {
        increment("created", changes.created());
        increment("linked", changes.linked());
        increment("unlinked", changes.unlinked());
    }

    private void increment(String kind, int amount) {
        if (amount > 0) {
            Counter.builder("pdcupdater.rpms.changes").description("PDC rpms rows created, linked, unlinked")
                    .tag("kind", kind).register(registry).increment(amount);
        }
    }
}
