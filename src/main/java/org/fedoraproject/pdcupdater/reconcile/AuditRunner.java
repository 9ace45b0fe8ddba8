package org.fedoraproject.pdcupdater.reconcile;

import java.time.Instant;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.fedoraproject.pdcupdater.audit.AuditReport;
import org.fedoraproject.pdcupdater.audit.Difference;
import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.handler.Handler;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one handler's audit, keeps the result in {@code audit_run} and sets the drift gauge; the
 * scheduled audits and the CLI's {@code audit} both come here.
 *
 * <p>With repair the handler fixes what it can during the audit; a second, report-only pass then
 * shows what is really left. The handler interface reports differences, not fixes, so counting
 * what the second pass no longer finds is the honest way to know how many were repaired.
 */
public class AuditRunner implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRunner.class);

    private final AuditRunStore store;
    private final AuditMetrics metrics;
    private final int keep;
    private CamelContext camelContext;

    public AuditRunner(AuditRunStore store, AuditMetrics metrics, int keep) {
        this.store = store;
        this.metrics = metrics;
        this.keep = keep;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /** The scheduled audit of one handler (the {@code handler-audit} route template calls this). */
    public AuditRun scheduled(String handlerName, boolean repair) {
        Handler handler = Handlers.named(camelContext, handlerName)
                .orElseThrow(() -> new IllegalStateException("no handler bean named " + handlerName));
        AuditRun run = run(handler, repair, "schedule", Progress.SILENT);
        if (run.failed()) {
            throw new IllegalStateException("audit of " + handlerName + " failed: " + run.error());
        }
        return run;
    }

    public AuditRun run(Handler handler, boolean repair, String trigger, Progress progress) {
        Instant started = Instant.now();
        LOG.info("Audit of {} started{}", handler.name(), repair ? " (with repair)" : "");
        AuditRun run;
        try {
            AuditReport found = handler.audit(new AuditRequest(repair, keep, progress));
            long remaining = found.total();
            if (repair && !found.clean()) {
                AuditReport after = handler.audit(new AuditRequest(false, keep, progress));
                remaining = after.total();
            }
            run = new AuditRun(0, handler.name(), started, Instant.now(), trigger, found.compared(),
                    found.count(Difference.Kind.ABSENT_FROM_PDC), found.count(Difference.Kind.ABSENT_FROM_SOURCE),
                    found.count(Difference.Kind.DIFFERENT), repair, Math.max(0, found.total() - remaining), remaining,
                    found.firstDifferences(), null);
            metrics.lastRun(handler.name(), remaining);
            LOG.info("Audit of {} done: {} compared, {} absent from PDC, {} absent from the source, {} different{}",
                    handler.name(), run.compared(), run.absentFromPdc(), run.absentFromSource(), run.different(),
                    repair ? ", " + run.repaired() + " repaired, " + remaining + " left" : "");
        } catch (RuntimeException e) {
            run = new AuditRun(0, handler.name(), started, Instant.now(), trigger, 0, 0, 0, 0, repair, 0, 0,
                    java.util.List.of(), FailureClassifier.reason(e));
            LOG.error("Audit of {} failed: {}", handler.name(), run.error(), e);
        }
        long id = store.save(run);
        return new AuditRun(id, run.handler(), run.startedAt(), run.finishedAt(), run.trigger(), run.compared(),
                run.absentFromPdc(), run.absentFromSource(), run.different(), run.repair(), run.repaired(),
                run.remaining(), run.firstDifferences(), run.error());
    }
}
