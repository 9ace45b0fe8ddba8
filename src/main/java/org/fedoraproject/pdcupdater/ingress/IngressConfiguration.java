package org.fedoraproject.pdcupdater.ingress;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.IdempotentRepository;
import org.fedoraproject.pdcupdater.db.GroupCommitMessageIdRepository;
import org.fedoraproject.pdcupdater.observe.IngressMetrics;
import org.fedoraproject.pdcupdater.source.DatagrepperClient;

/** Binds the beans the ingress routes ({@code routes/ingress.camel.yaml}) call. */
@Configuration
public class IngressConfiguration implements CamelConfiguration {

    @PropertyInject("fedmsg.topic-prefix")
    private String topicPrefix;
    @PropertyInject(value = "fedmsg.datagrepper-url", defaultValue = "")
    private String datagrepperUrl;
    @PropertyInject(value = "fedmsg.backlog-max-age", defaultValue = "86400")
    private long backlogMaxAge;
    @PropertyInject(value = "fedmsg.backlog-overlap", defaultValue = "300")
    private long backlogOverlap;
    @PropertyInject(value = "fedmsg.gap-replay-delay", defaultValue = "30000")
    private long gapReplayDelay;
    @PropertyInject(value = "fedmsg.max-gap", defaultValue = "1000")
    private long maxGap;
    @PropertyInject(value = "fedmsg.dedup-cache-size", defaultValue = "50000")
    private int dedupCacheSize;
    @PropertyInject(value = "fedmsg.dedup-max-pending", defaultValue = "10000")
    private int dedupMaxPending;
    @PropertyInject(value = "fedmsg.dedup-retention", defaultValue = "604800")
    private long dedupRetention;

    private DatagrepperClient datagrepper;
    private GroupCommitMessageIdRepository processedMessages;
    private Checkpoint checkpoint;
    private GapReplayer gapReplayer;
    private BacklogReplayer backlogReplayer;

    /**
     * The processed msg_ids, in camel-sql's standard table, so a restart does not handle a message
     * twice. Written by group commit (a transaction per message capped the ingress at a few hundred
     * messages per second); the table's schema is Flyway's (migration V1).
     */
    @BindToRegistry("processedMessages")
    public synchronized IdempotentRepository processedMessages(DataSource dataSource) {
        // One per process: two would each keep their own pending marks.
        if (processedMessages == null) {
            processedMessages = new GroupCommitMessageIdRepository(dataSource, "fedmsg", dedupCacheSize,
                    dedupMaxPending);
        }
        return processedMessages;
    }

    /** Fails the start when the retention is shorter than what a backlog replay brings back. */
    @BindToRegistry("handledMessageRetention")
    public HandledMessageRetention handledMessageRetention(DataSource dataSource) {
        return new HandledMessageRetention((GroupCommitMessageIdRepository) processedMessages(dataSource),
                Duration.ofSeconds(dedupRetention), Duration.ofSeconds(backlogMaxAge + backlogOverlap), Clock.systemUTC());
    }

    @BindToRegistry("rejectedMessages")
    public RejectedMessageStore rejectedMessages(DataSource dataSource) {
        return new RejectedMessageStore(dataSource);
    }

    /**
     * One per process, like every stateful bean here: a bean with parameters may be asked for more
     * than once (another bean's parameter, a route's bean step), and the gate must move the very
     * checkpoint the timer flushes.
     */
    @BindToRegistry("ingressCheckpoint")
    public synchronized Checkpoint checkpoint(DataSource dataSource) {
        if (checkpoint == null) {
            checkpoint = new Checkpoint(dataSource);
        }
        return checkpoint;
    }

    /** One per process: the gate records gaps in the tracker that the gap-replay timer reads. */
    @BindToRegistry("gapReplayer")
    public synchronized GapReplayer gapReplayer(DataSource dataSource, IngressMetrics ingressMetrics,
                                                ReplayFeed replayFeed) {
        if (gapReplayer == null) {
            gapReplayer = new GapReplayer(new SequenceTracker(maxGap), new GapStore(dataSource), datagrepper(),
                    replayFeed, ingressMetrics, Duration.ofMillis(gapReplayDelay));
        }
        return gapReplayer;
    }

    @BindToRegistry("backlogReplayer")
    public synchronized BacklogReplayer backlogReplayer(Checkpoint ingressCheckpoint, IngressMetrics ingressMetrics,
                                                        ReplayFeed replayFeed) {
        // One per process: leader election re-arms the one the backlog route runs (a bean with
        // parameters may be asked for more than once).
        if (backlogReplayer != null) {
            return backlogReplayer;
        }
        backlogReplayer = new BacklogReplayer(datagrepper(), ingressCheckpoint, replayFeed, ingressMetrics, backlogMaxAge,
                backlogOverlap, Duration.ofMillis(gapReplayDelay));
        return backlogReplayer;
    }

    private DatagrepperClient datagrepper() {
        if (datagrepper == null && !datagrepperUrl.isBlank()) {
            datagrepper = new DatagrepperClient(URI.create(datagrepperUrl), Duration.ofSeconds(30), 100);
        }
        return datagrepper;
    }

    @BindToRegistry("replayFeed")
    public ReplayFeed replayFeed() {
        return new ReplayFeed(topicPrefix);
    }
}
