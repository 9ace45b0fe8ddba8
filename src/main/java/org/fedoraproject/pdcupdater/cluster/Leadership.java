package org.fedoraproject.pdcupdater.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Ordered;
import org.apache.camel.StartupListener;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.fedoraproject.pdcupdater.ingress.IngressHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this instance is the leader, the one that consumes the bus, replays backlogs and runs
 * reconciliation. With no cluster service it simply always is.
 *
 * <p>The cluster service (ZooKeeper, Kubernetes leases) is joined only once the whole Camel
 * context has started, so a leader never starts its leader-only routes into a half-built service.
 * Transitions run one at a time on one thread, in order: listeners registered first hear first
 * (the backlog replayer is re-armed before the bus route starts).
 */
public class Leadership implements StartupListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

    private final ClusterSettings settings;
    private final CamelClusterService clusterService;
    private final LeaderFence fence;
    private final StoredMarks marks;
    private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService transitions;
    private final Counter changes;
    private final Counter dropped;
    private final AtomicLong epoch = new AtomicLong();
    private volatile boolean leader;
    private volatile boolean connected = true;
    private volatile CamelClusterView view;

    private Leadership(ClusterSettings settings, CamelClusterService clusterService, LeaderFence fence,
                       StoredMarks marks, MeterRegistry registry) {
        this.settings = settings;
        this.clusterService = clusterService;
        this.fence = fence;
        this.marks = marks;
        this.leader = clusterService == null;
        this.transitions = clusterService == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pdc-updater-leadership");
            t.setDaemon(true);
            return t;
        });
        this.changes = Counter.builder("pdcupdater.leadership.changes")
                .description("Times this instance became the leader or stopped being it").register(registry);
        this.dropped = Counter.builder("pdcupdater.messages.not.leader")
                .description("Messages left to the leader because this instance no longer leads").register(registry);
        // A supplier keeps this object strongly referenced (the object form holds it weakly).
        Gauge.builder("pdcupdater.leader", () -> leader ? 1 : 0)
                .description("1 while this instance is the leader, 0 while it stands by").register(registry);
    }

    /** No cluster service: this instance is the only one, so it leads from the start. */
    public static Leadership standalone(ClusterSettings settings, MeterRegistry registry) {
        return new Leadership(settings, null, null, StoredMarks.IMMEDIATE, registry);
    }

    /**
     * One leader among the instances that join {@code clusterService}, fenced through {@code fence}: a leader
     * holds its epoch for each message until the message's mark is stored in {@code marks}.
     */
    public static Leadership elected(ClusterSettings settings, CamelClusterService clusterService, LeaderFence fence,
                                     StoredMarks marks, MeterRegistry registry) {
        return new Leadership(settings, clusterService, fence, marks, registry);
    }

    public boolean isStandalone() {
        return clusterService == null;
    }

    public boolean isLeader() {
        return leader;
    }

    /**
     * The fencing epoch this instance last took (0 standalone). It changes only when this instance
     * becomes the leader again, so two equal readings mean no other leader came in between.
     */
    public long epoch() {
        return epoch.get();
    }

    /** {@code leader} or {@code standby}, for health and logs. */
    public String role() {
        return leader ? "leader" : "standby";
    }

    public String memberId() {
        return settings.memberId();
    }

    public CamelClusterService clusterService() {
        return clusterService;
    }

    public void addListener(LeadershipListener listener) {
        listeners.add(listener);
    }

    /**
     * Ingress step before de-duplication: a message reaching an instance that does not lead (any
     * more) is left alone, neither handled nor marked handled; the leader replays it from
     * datagrepper. While leading, the fencing epoch in the database is checked, so a leader that
     * was paused past its session steps down before it handles anything.
     */
    public void admit(Exchange exchange) {
        if (isStandalone()) {
            return;
        }
        if (leader) {
            Optional<LeaderFence.Hold> hold = fence.hold(epoch.get());
            if (hold.isPresent()) {
                // Kept until the exchange is done, after the idempotent repository has marked it.
                exchange.getExchangeExtension().addOnCompletion(new ReleaseHold(hold.get(), marks,
                        settings.zookeeperSessionTimeout()));
                return;
            }
        }
        if (leader) {
            LOG.warn("Another instance took the lead (leader epoch moved past {}): stepping down", epoch.get());
            submit(this::fenced);
        }
        dropped.increment();
        exchange.setRouteStop(true);
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // Routes may still be starting: join the election once they all run (below).
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        if (isStandalone()) {
            LOG.info("No cluster service (cluster.service = none): this instance is the leader");
            return;
        }
        clusterService.setCamelContext(context);
        if (clusterService instanceof ZooKeeperClusterService zookeeper) {
            // Step down as soon as the session is in doubt, whatever the election recipe does: camel's
            // ZooKeeper view does not always hear of an expired session, and would go on leading.
            zookeeper.getCuratorFramework().getConnectionStateListenable().addListener((client, state) -> {
                switch (state) {
                    case SUSPENDED, LOST -> submit(() -> connectionLost(state.name()));
                    case RECONNECTED -> submit(this::reconnected);
                    default -> { }
                }
            });
            if (zookeeper.getCuratorFramework().getState() == CuratorFrameworkState.LATENT) {
                zookeeper.getCuratorFramework().start();
            }
        }
        ServiceHelper.startService(clusterService);
        view = clusterService.getView(settings.namespace());
        view.addEventListener((CamelClusterEventListener.Leadership) (v, who) -> submit(this::sync));
        ServiceHelper.startService(view);
        LOG.info("Joined leader election {} on {} as {}; standing by until elected", settings.namespace(),
                settings.service(), settings.memberId());
        submit(this::sync);
    }

    /** Transitions run one at a time; none once the service is closing. */
    private void submit(Runnable transition) {
        if (!transitions.isShutdown()) {
            transitions.execute(transition);
        }
    }

    private void connectionLost(String state) {
        connected = false;
        if (leader) {
            lose("ZooKeeper connection " + state);
        }
    }

    /** A new session: the election's old state is void, so take part afresh. */
    private void reconnected() {
        connected = true;
        CamelClusterView current = view;
        if (current != null) {
            rejoin(current, 0);
        }
        sync();
    }

    /** Makes this instance's role match what the cluster service says. */
    private void sync() {
        CamelClusterView current = view;
        boolean elected = connected && current != null && current.getLocalMember().isLeader();
        if (elected && !leader) {
            gain();
        } else if (!elected && leader) {
            lose("the cluster service elected " + current.getLeader().map(CamelClusterMember::getId).orElse("nobody yet"));
            rejoin(current, 0);
        }
    }

    /**
     * camel-zookeeper's election takes part once: a member that lost the lead (its session
     * expired) would stay out for good, and with it the cluster's only spare. Restarting the view
     * puts this member back in line as a candidate.
     */
    private void rejoin(CamelClusterView current, int attempt) {
        try {
            ServiceHelper.stopService(current);
            ServiceHelper.startService(current);
        } catch (RuntimeException e) {
            LOG.error("Could not rejoin the leader election: {}; retrying", e.getMessage(), e);
        }
        // The recipe only takes a candidate back once its previous turn has fully ended: check, and retry.
        transitions.schedule(() -> {
            if (!connected || leader || isCandidate(current)) {
                LOG.info("Back in the leader election as a candidate");
            } else if (attempt < 30) {
                rejoin(current, attempt + 1);
            } else {
                LOG.error("Could not rejoin the leader election; restart this instance to make it a candidate again");
            }
        }, 1, TimeUnit.SECONDS);
    }

    private boolean isCandidate(CamelClusterView current) {
        try {
            return current.getMembers().stream().anyMatch(m -> settings.memberId().equals(m.getId()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void gain() {
        long taken;
        try {
            taken = fence.acquire(settings.memberId());
        } catch (IllegalStateException e) {
            // The old leader is still handling a message (or the database is away): not leading yet.
            LOG.warn("Elected, but the leader epoch could not be taken yet ({}); trying again", e.getMessage());
            transitions.schedule(this::sync, 1, TimeUnit.SECONDS);
            return;
        }
        epoch.set(taken);
        leader = true;
        changes.increment();
        LOG.info("This instance ({}) is now the leader (epoch {})", settings.memberId(), taken);
        for (LeadershipListener listener : listeners) {
            try {
                listener.leadershipGained();
            } catch (RuntimeException e) {
                LOG.error("Leadership listener {} failed on gain: {}", listener, e.getMessage(), e);
            }
        }
    }

    private void lose(String why) {
        leader = false;
        changes.increment();
        LOG.warn("This instance ({}) is no longer the leader: {}; standing by", settings.memberId(), why);
        for (LeadershipListener listener : listeners) {
            try {
                listener.leadershipLost();
            } catch (RuntimeException e) {
                LOG.error("Leadership listener {} failed on loss: {}", listener, e.getMessage(), e);
            }
        }
    }

    /**
     * The database says another instance leads. Step down now; if the cluster service still names
     * this instance once a session's time has passed, it is the rightful leader (the other one was
     * the stale one) and takes a new epoch.
     */
    private void fenced() {
        if (!leader) {
            return;
        }
        lose("a newer leader epoch is in the database");
        transitions.schedule(this::sync, Duration.ofMillis(settings.zookeeperSessionTimeout()).multipliedBy(2).toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Releases the epoch lock of one message once its exchange is done. Ordered last, so that it
     * runs after the idempotent repository's own completion has marked the message handled: a new
     * leader that was waiting for the lock then finds the message marked, and does not handle it again.
     */
    private static final class ReleaseHold extends SynchronizationAdapter implements Ordered {

        private final LeaderFence.Hold hold;
        private final StoredMarks marks;
        private final long timeoutMillis;

        ReleaseHold(LeaderFence.Hold hold, StoredMarks marks, long timeoutMillis) {
            this.hold = hold;
            this.marks = marks;
            this.timeoutMillis = timeoutMillis;
        }

        @Override
        public void onDone(Exchange exchange) {
            // Last of the exchange's completions, so the idempotent consumer has marked the message by now; the
            // epoch is let go only once that mark is stored, where a new leader replaying the backlog looks.
            String msgId = exchange.getMessage().getHeader(IngressHeaders.MSG_ID, String.class);
            if (msgId != null && !marks.awaitStored(msgId, timeoutMillis)) {
                LOG.warn("The mark of {} was not stored within {} ms; a new leader may handle it again", msgId,
                        timeoutMillis);
            }
            hold.close();
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST;
        }
    }

    /** The cluster member currently leading, if the cluster service knows one. */
    public Optional<String> currentLeader() {
        if (isStandalone()) {
            return Optional.of(settings.memberId());
        }
        CamelClusterView current = view;
        return current == null ? Optional.empty() : current.getLeader().map(CamelClusterMember::getId);
    }

    @Override
    public void close() {
        if (isStandalone()) {
            return;
        }
        // Leave the election first (a clean close hands the lead over at once), then stop listening.
        ServiceHelper.stopService(view, clusterService);
        if (clusterService instanceof ZooKeeperClusterService zookeeper) {
            zookeeper.getCuratorFramework().close();
        }
        transitions.shutdownNow();
        leader = false;
    }
}
