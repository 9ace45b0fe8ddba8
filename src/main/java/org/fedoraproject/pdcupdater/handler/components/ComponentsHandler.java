package org.fedoraproject.pdcupdater.handler.components;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.audit.AuditReport;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.handler.Handler;
import org.fedoraproject.pdcupdater.handler.InitializeResult;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.handler.ReleaseMapping;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcOutcome;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.source.pkgdb.PkgdbClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * pkgdb packages and branches → PDC global, release and Bugzilla components (the Python {@code NewPackageHandler}
 * and {@code NewPackageBranchHandler} in one, since both messages mean "package X lives on branch B").
 *
 * <p>Differences from the Python handlers, on purpose: releases are never created (an unknown or inactive release
 * is an {@link org.fedoraproject.pdcupdater.handler.UnknownReleaseException}); the branch → release mapping is
 * {@link ReleaseMapping}'s, not the collection's name; the namespace picks the component type instead of always
 * {@code rpm}; a second handling changes nothing instead of failing on the duplicate; see
 * {@link DesiredComponent} for the fields written.
 */
public final class ComponentsHandler implements Handler {

    private static final Logger LOG = LoggerFactory.getLogger(ComponentsHandler.class);
    public static final String NAME = "components";

    private final Pdc pdc;
    private final ReleaseTargets targets;
    private final ComponentWriter writer;
    private final PkgdbComponents pkgdb;
    private final ComponentsAudit audit;

    /** @param types the namespaces audit and initialize read from pkgdb (messages of any known namespace are handled) */
    public ComponentsHandler(Pdc pdc, PkgdbClient pkgdbClient, ReleaseMapping mapping, List<ComponentType> types) {
        this.pdc = pdc;
        this.targets = new ReleaseTargets(pdc, mapping);
        this.writer = new ComponentWriter(pdc);
        this.pkgdb = new PkgdbComponents(pkgdbClient, types);
        this.audit = new ComponentsAudit(pdc, pkgdbClient, pkgdb, targets, writer);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void handle(FedmsgEnvelope message) {
        PackageBranchEvent event = PackageBranchEvent.from(message);
        ReleaseTarget target = targets.forBranch(event.branch(),
                message.topic() + " " + message.msgId() + ", package " + event.name());
        DesiredComponent component = new DesiredComponent(target, event.name(), event.type(), true);
        PdcOutcome outcome = writer.ensure(component, ChangeComment.forMessage(message.msgId(), message.topic()));
        LOG.info("{}: {} {}", message.msgId(), component.auditKey(), switch (outcome.kind()) {
            case CREATED -> "created";
            case UPDATED -> "updated";
            default -> "already up to date";
        });
    }

    @Override
    public AuditReport audit(AuditRequest request) {
        return audit.run(NAME, request);
    }

    /**
     * Creates, in bulk, every global component and release component pkgdb implies and PDC lacks. PDC's existing
     * keys are read first (one set of names, one of release components); pkgdb is then streamed a page at a time.
     */
    @Override
    public InitializeResult initialize(Progress progress) {
        ReleaseTargets.Snapshot releases = targets.snapshot();
        Set<String> globals = new HashSet<>();
        try (Stream<JsonNode> rows = pdc.client().stream(ComponentWriter.GLOBAL_COMPONENTS, Map.of())) {
            rows.forEach(r -> globals.add(r.path("name").asText()));
        }
        Set<String> existing = new HashSet<>();
        try (Stream<JsonNode> rows = pdc.client().stream(DesiredComponent.RESOURCE, Map.of())) {
            rows.forEach(r -> existing.add(DesiredComponent.RESOURCE + "/" + r.path("release").path("release_id").asText()
                    + "/" + DesiredComponent.key(r.path("type").asText(), r.path("name").asText())));
        }
        ComponentBatch batch = new ComponentBatch(writer, pdc.client().settings().bulkChunkSize(),
                ChangeComment.of("pdc-updater initialize: " + NAME + " from pkgdb"));
        PkgdbComponents.Walk walk = pkgdb.walk(releases, (name, type, components) -> {
            if (globals.add(name)) {
                batch.addGlobal(name);
            }
            components.stream().filter(c -> existing.add(c.auditKey())).forEach(batch::addComponent);
        }, progress);
        long written = batch.flush();
        LOG.info("components initialize: {} pkgdb packages, {} listings ({} on no active PDC release), {} objects "
                + "written", walk.packages(), walk.listings(), walk.listingsWithoutActiveRelease(), written);
        return new InitializeResult(NAME, walk.packages(), written);
    }
}
