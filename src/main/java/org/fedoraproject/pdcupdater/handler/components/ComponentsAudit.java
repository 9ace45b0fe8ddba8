package org.fedoraproject.pdcupdater.handler.components;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.audit.AuditReport;
import org.fedoraproject.pdcupdater.audit.Difference;
import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.source.pkgdb.PkgdbClient;
import org.fedoraproject.pdcupdater.source.pkgdb.PkgdbCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * pkgdb against PDC: global components (every pkgdb package has one) and, per active release that a pkgdb branch
 * maps to, its release components of the audited types.
 *
 * <p>Memory: pkgdb's side is read once into an index (package names, and per release the expected components);
 * PDC's side is streamed page by page against it, each PDC row striking its match off the index, so what is left
 * is absent from PDC. PDC's own order is not used: its database collation need not sort like Java does.
 *
 * <p>Repair creates what PDC lacks (in bulk) and fixes a different {@code dist_git_branch}. It deletes nothing:
 * a component pkgdb does not list may have been made by another handler or by hand, and a release component
 * carries history (rpms, relationships) that a delete would lose; those are reported for a person to decide.
 */
final class ComponentsAudit {

    private static final Logger LOG = LoggerFactory.getLogger(ComponentsAudit.class);

    private final Pdc pdc;
    private final PkgdbClient pkgdbClient;
    private final PkgdbComponents pkgdb;
    private final ReleaseTargets targets;
    private final ComponentWriter writer;

    ComponentsAudit(Pdc pdc, PkgdbClient pkgdbClient, PkgdbComponents pkgdb, ReleaseTargets targets,
                    ComponentWriter writer) {
        this.pdc = pdc;
        this.pkgdbClient = pkgdbClient;
        this.pkgdb = pkgdb;
        this.targets = targets;
        this.writer = writer;
    }

    AuditReport run(String handler, AuditRequest request) {
        AuditReport report = new AuditReport(handler, request.keep());
        ChangeComment comment = ChangeComment.of("pdc-updater audit repair: " + handler + " from pkgdb");
        ComponentBatch repairs = new ComponentBatch(writer, pdc.client().settings().bulkChunkSize(), comment);
        ReleaseTargets.Snapshot releases = targets.snapshot();

        Set<String> packages = new HashSet<>();
        Map<String, Map<String, DesiredComponent>> expected = new HashMap<>();
        pkgdb.walk(releases, (name, type, components) -> {
            packages.add(name);
            components.forEach(c -> expected.computeIfAbsent(c.releaseId(), r -> new HashMap<>())
                    .put(c.keyInRelease(), c));
        }, request.progress());

        long compared = auditGlobals(packages, report, request.repair() ? repairs : null);
        repairs.flush();

        Set<String> audited = new TreeSet<>(expected.keySet());
        for (PkgdbCollection collection : pkgdbClient.collections()) {
            releases.releaseIdOf(collection.branchname()).filter(releases::isActive).ifPresent(audited::add);
        }
        long fixed = 0;
        for (String releaseId : audited) {
            Map<String, DesiredComponent> want = expected.remove(releaseId);
            long[] counts = auditRelease(releaseId, want == null ? new HashMap<>() : want, report,
                    request.repair() ? repairs : null, comment);
            compared += counts[0];
            fixed += counts[1];
        }
        long created = repairs.flush();
        if (request.repair()) {
            LOG.info("components audit repair: {} objects created, {} dist_git_branch values fixed", created, fixed);
        }
        return report.finish(compared);
    }

    private long auditGlobals(Set<String> packages, AuditReport report, ComponentBatch repairs) {
        long compared = 0;
        try (Stream<JsonNode> rows = pdc.client().stream(ComponentWriter.GLOBAL_COMPONENTS, Map.of())) {
            for (Iterator<JsonNode> it = rows.iterator(); it.hasNext(); ) {
                String name = it.next().path("name").asText();
                compared++;
                if (!packages.remove(name)) {
                    report.accept(Difference.absentFromSource(ComponentWriter.GLOBAL_COMPONENTS + "/" + name, name));
                }
            }
        }
        for (String name : new TreeSet<>(packages)) {
            compared++;
            report.accept(Difference.absentFromPdc(ComponentWriter.GLOBAL_COMPONENTS + "/" + name, name));
            if (repairs != null) {
                repairs.addGlobal(name);
            }
        }
        return compared;
    }

    /** @return {compared, fixed} */
    private long[] auditRelease(String releaseId, Map<String, DesiredComponent> want, AuditReport report,
                                ComponentBatch repairs, ChangeComment comment) {
        long compared = 0;
        long fixed = 0;
        try (Stream<JsonNode> rows = pdc.client().stream(DesiredComponent.RESOURCE, Map.of("release", releaseId))) {
            for (Iterator<JsonNode> it = rows.iterator(); it.hasNext(); ) {
                JsonNode row = it.next();
                String type = row.path("type").asText();
                if (ComponentType.forPdcType(type).filter(pkgdb.types()::contains).isEmpty()) {
                    continue; // a type pkgdb does not manage (iso, zip, ...) or a namespace not audited
                }
                compared++;
                String key = DesiredComponent.key(type, row.path("name").asText());
                String auditKey = DesiredComponent.RESOURCE + "/" + releaseId + "/" + key;
                String branch = row.path("dist_git_branch").asText(null);
                DesiredComponent desired = want.remove(key);
                if (desired == null) {
                    report.accept(Difference.absentFromSource(auditKey, "dist_git_branch=" + branch));
                } else if (!desired.target().distGitBranch().equals(branch)) {
                    report.accept(Difference.different(auditKey, desired.comparedValue(), "dist_git_branch=" + branch));
                    if (repairs != null) {
                        pdc.client().patch(DesiredComponent.RESOURCE, row.path("id").asLong(),
                                Map.of("dist_git_branch", desired.target().distGitBranch()), comment);
                        fixed++;
                    }
                }
            }
        }
        for (DesiredComponent missing : new TreeMap<>(want).values()) {
            compared++;
            report.accept(Difference.absentFromPdc(missing.auditKey(), missing.comparedValue()));
            if (repairs != null) {
                repairs.addComponent(missing);
            }
        }
        return new long[] {compared, fixed};
    }
}
