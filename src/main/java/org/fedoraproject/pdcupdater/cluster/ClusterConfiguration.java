package org.fedoraproject.pdcupdater.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Configuration;
import org.apache.camel.Processor;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.IdempotentRepository;
import org.fedoraproject.pdcupdater.db.GroupCommitMessageIdRepository;
import org.fedoraproject.pdcupdater.ingress.BacklogReplayer;

/**
 * Binds leader election: {@code leadership} (the role, fencing, metrics), {@code leaderOnly} (the
 * route policy YAML routes reference with {@code routePolicy: leaderOnly}) and the health check
 * that reports the role. The Quartz scheduler (reconciliation, audits) follows the role too.
 */
@Configuration
public class ClusterConfiguration implements CamelConfiguration, CamelContextAware {

    private static final String KUBERNETES_PREFIX = "cluster.kubernetes.";

    @PropertyInject(value = "cluster.service", defaultValue = "none")
    private String service;
    @PropertyInject(value = "cluster.namespace", defaultValue = "pdcupdater")
    private String namespace;
    @PropertyInject(value = "cluster.member-id", defaultValue = "")
    private String memberId;
    @PropertyInject(value = "cluster.zookeeper.nodes", defaultValue = "")
    private String zookeeperNodes;
    @PropertyInject(value = "cluster.zookeeper.base-path", defaultValue = "/pdc-updater/leader")
    private String zookeeperBasePath;
    @PropertyInject(value = "cluster.zookeeper.session-timeout", defaultValue = "10000")
    private long zookeeperSessionTimeout;
    @PropertyInject(value = "cluster.zookeeper.connect-timeout", defaultValue = "5000")
    private long zookeeperConnectTimeout;

    private CamelContext camelContext;
    private Leadership leadership;
    private LeaderOnlyRoutePolicy leaderOnly;

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @BindToRegistry(value = "leadership", destroyMethod = "close")
    public synchronized Leadership leadership(DataSource dataSource, MeterRegistry metricsRegistry,
                                 BacklogReplayer backlogReplayer, IdempotentRepository processedMessages) {
        // Beans with parameters may be asked for more than once; there must be one election per process.
        if (leadership != null) {
            return leadership;
        }
        ClusterSettings settings = new ClusterSettings(service, namespace, memberId, zookeeperNodes,
                zookeeperBasePath, zookeeperSessionTimeout, zookeeperConnectTimeout);
        if (settings.standalone()) {
            leadership = Leadership.standalone(settings, metricsRegistry);
        } else {
            leadership = Leadership.elected(settings,
                    ClusterServices.create(settings, kubernetesOptions(), camelContext),
                    new LeaderFence(dataSource, fenceLockTimeout(settings)), storedMarks(processedMessages),
                    metricsRegistry);
            // First listener: a new leader replays the backlog since the shared checkpoint.
            leadership.addListener(new BacklogOnLeadership(backlogReplayer));
            // Reconciliation and audits: on the leader's Quartz scheduler only.
            leadership.addListener(new QuartzOnLeadership(camelContext.getComponent("quartz", QuartzComponent.class)));
        }
        return leadership;
    }

    @BindToRegistry("leaderOnly")
    public synchronized LeaderOnlyRoutePolicy leaderOnly(Leadership leadership) {
        if (leaderOnly == null) {
            leaderOnly = new LeaderOnlyRoutePolicy(leadership);
            leadership.addListener(leaderOnly);
        }
        return leaderOnly;
    }

    /** fedmsg-accept's leader check, bound once as a processor (see ingress.FedmsgConfiguration). */
    @BindToRegistry("admitAsLeader")
    public Processor admitAsLeader(Leadership leadership) {
        return leadership::admit;
    }

    @BindToRegistry("leadershipHealthCheck")
    public LeadershipHealthCheck leadershipHealthCheck(Leadership leadership) {
        return new LeadershipHealthCheck(leadership);
    }

    /** Election starts once the whole context runs (see {@link Leadership}). */
    @Override
    public void configure(CamelContext context) throws Exception {
        // Beans with parameters are bound lazily: look them up to have them made now.
        context.addStartupListener(context.getRegistry().lookupByNameAndType("leadership", Leadership.class));
        // A HealthCheck bean is not picked up from the registry by itself: register it, once
        // camel-main has set up health checks, so that /observe/health shows the role.
        LeadershipHealthCheck check = context.getRegistry().lookupByNameAndType("leadershipHealthCheck",
                LeadershipHealthCheck.class);
        context.addStartupListener((started, alreadyStarted) -> {
            HealthCheckRegistry health = HealthCheckRegistry.get(started);
            if (health != null && health.getCheck(check.getId()).isEmpty()) {
                health.register(check);
            }
        });
    }

    /** The ingress's repository stores its marks a moment after it makes them (group commit). */
    private static StoredMarks storedMarks(IdempotentRepository processedMessages) {
        return processedMessages instanceof GroupCommitMessageIdRepository groupCommit
                ? groupCommit::awaitStored : StoredMarks.IMMEDIATE;
    }

    /**
     * How long a new leader waits for the old one to finish the message in its hands: a session's
     * length (the old leader notices within that that it lost the lead), then it tries again.
     */
    static long fenceLockTimeout(ClusterSettings settings) {
        return settings.zookeeperSessionTimeout();
    }

    private Map<String, Object> kubernetesOptions() {
        Map<String, Object> options = new HashMap<>();
        if (camelContext == null) {
            return options;
        }
        Properties all = camelContext.getPropertiesComponent().loadProperties(k -> k.startsWith(KUBERNETES_PREFIX));
        all.stringPropertyNames().forEach(k -> options.put(k.substring(KUBERNETES_PREFIX.length()), all.getProperty(k)));
        return options;
    }

    /** Re-arms the backlog replay on every leadership gain; the leader-only backlog route then runs it. */
    private record BacklogOnLeadership(BacklogReplayer replayer) implements LeadershipListener {

        @Override
        public void leadershipGained() {
            replayer.rearm();
        }

        @Override
        public void leadershipLost() {
            // The backlog route stops with the other leader-only routes.
        }
    }
}
