package org.fedoraproject.pdcupdater.reconcile;

import java.time.Duration;
import java.util.Properties;

import javax.sql.DataSource;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.fedoraproject.pdcupdater.observe.IngressMetrics;

/**
 * Binds the dead-letter store and recorder every handler route's error handling calls, and what
 * the reconciliation routes ({@code routes/reconcile.camel.yaml}) and the CLI use: the replayer,
 * the audit runner and its results, the initialize ledger, and Quartz's job store settings.
 */
@Configuration
public class ReconcileConfiguration implements CamelConfiguration {

    @PropertyInject("fedmsg.topic-prefix")
    private String topicPrefix;
    @PropertyInject("db.url")
    private String dbUrl;
    @PropertyInject(value = "reconcile.dead-letters.batch-size", defaultValue = "200")
    private int batchSize;
    @PropertyInject(value = "reconcile.dead-letters.first-retry-delay", defaultValue = "60000")
    private long firstRetryDelay;
    @PropertyInject(value = "reconcile.dead-letters.max-retry-delay", defaultValue = "21600000")
    private long maxRetryDelay;
    @PropertyInject(value = "reconcile.dead-letters.permanent-retry-delay", defaultValue = "3600000")
    private long permanentRetryDelay;
    @PropertyInject(value = "reconcile.dead-letters.max-attempts", defaultValue = "20")
    private int maxAttempts;
    @PropertyInject(value = "reconcile.audit.keep", defaultValue = "100")
    private int auditKeep;
    @PropertyInject(value = "reconcile.quartz.scheduler-name", defaultValue = QuartzJobStore.DEFAULT_SCHEDULER_NAME)
    private String schedulerName;
    @PropertyInject(value = "reconcile.quartz.thread-count", defaultValue = "3")
    private int quartzThreads;
    @PropertyInject(value = "reconcile.quartz.cluster-checkin-interval", defaultValue = "15000")
    private long clusterCheckin;

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        camelContext.addStartupListener(new AuditSchedules());
    }

    @BindToRegistry("deadLetters")
    public DeadLetterStore deadLetters(DataSource dataSource) {
        return new DeadLetterStore(dataSource);
    }

    @BindToRegistry("deadLetterRecorder")
    public DeadLetterRecorder deadLetterRecorder(DeadLetterStore deadLetters, IngressMetrics ingressMetrics) {
        return new DeadLetterRecorder(deadLetters, ingressMetrics.registry(), new RetrySchedule(Duration.ofMillis(firstRetryDelay),
                Duration.ofMillis(maxRetryDelay), Duration.ofMillis(permanentRetryDelay), maxAttempts));
    }

    @BindToRegistry("deadLetterReplayer")
    public DeadLetterReplayer deadLetterReplayer(DeadLetterStore deadLetters, IngressMetrics ingressMetrics) {
        return new DeadLetterReplayer(deadLetters, ingressMetrics.registry(), topicPrefix, batchSize);
    }

    @BindToRegistry("auditRuns")
    public AuditRunStore auditRuns(DataSource dataSource) {
        return new AuditRunStore(dataSource);
    }

    @BindToRegistry("auditMetrics")
    public AuditMetrics auditMetrics(IngressMetrics ingressMetrics) {
        return new AuditMetrics(ingressMetrics.registry());
    }

    @BindToRegistry("auditRunner")
    public AuditRunner auditRunner(AuditRunStore auditRuns, AuditMetrics auditMetrics) {
        return new AuditRunner(auditRuns, auditMetrics, auditKeep);
    }

    @BindToRegistry("initializeLedger")
    public InitializeLedger initializeLedger(DataSource dataSource) {
        return new InitializeLedger(dataSource);
    }

    /** Read by the quartz component ({@code camel.component.quartz.properties-ref}) when a quartz route starts. */
    @BindToRegistry("quartzProperties")
    public Properties quartzProperties(DataSource dataSource) {
        Properties properties = new Properties();
        properties.putAll(QuartzJobStore.properties(dataSource, dbUrl, schedulerName, quartzThreads, clusterCheckin));
        return properties;
    }
}
