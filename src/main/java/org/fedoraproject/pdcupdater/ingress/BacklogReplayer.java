package org.fedoraproject.pdcupdater.ingress;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

import org.fedoraproject.pdcupdater.observe.IngressMetrics;
import org.fedoraproject.pdcupdater.source.DatagrepperClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a restart, and on every leadership gain, fetches from datagrepper everything published
 * since the last handled message, while the bus consumer already runs: the two overlap on purpose
 * and the idempotent repository drops what arrives twice, so nothing sent during the start-up or
 * the handover is lost.
 *
 * <p>A new leader replays twice: at once (the bulk of what was missed), and again once
 * datanommer has stored what was published in the seconds around the handover ({@code settle}),
 * because the first pass cannot see messages datagrepper does not have yet.
 */
public class BacklogReplayer {

    private static final Logger LOG = LoggerFactory.getLogger(BacklogReplayer.class);

    private final DatagrepperClient datagrepper;
    private final Checkpoint checkpoint;
    private final ReplayFeed feed;
    private final IngressMetrics metrics;
    private final long maxAgeSeconds;
    private final long overlapSeconds;
    private final Duration settle;
    private volatile Instant startedAt = Instant.now();
    private volatile boolean done;
    private volatile Instant settlePassDue;

    public BacklogReplayer(DatagrepperClient datagrepper, Checkpoint checkpoint, ReplayFeed feed,
                           IngressMetrics metrics, long maxAgeSeconds, long overlapSeconds) {
        this(datagrepper, checkpoint, feed, metrics, maxAgeSeconds, overlapSeconds, Duration.ZERO);
    }

    public BacklogReplayer(DatagrepperClient datagrepper, Checkpoint checkpoint, ReplayFeed feed,
                           IngressMetrics metrics, long maxAgeSeconds, long overlapSeconds, Duration settle) {
        this.settle = settle;
        this.datagrepper = datagrepper;
        this.checkpoint = checkpoint;
        this.feed = feed;
        this.metrics = metrics;
        this.maxAgeSeconds = maxAgeSeconds;
        this.overlapSeconds = overlapSeconds;
    }

    /**
     * This instance just became the leader: replay again from the shared checkpoint, which the
     * previous leader moved, on the next call (and a settle pass after that).
     */
    public synchronized void rearm() {
        startedAt = Instant.now();
        settlePassDue = null;
        done = false;
    }

    /** Runs once successfully; a failed attempt (datagrepper down) is retried on the next call. */
    public synchronized void replayOnce() {
        if (done) {
            replaySettlePassIfDue();
            return;
        }
        if (datagrepper == null || maxAgeSeconds <= 0) {
            LOG.info("Backlog replay disabled (no fedmsg.datagrepper-url or fedmsg.backlog-max-age = 0)");
            done = true;
            return;
        }
        OptionalDouble last = checkpoint.lastHandled();
        if (last.isEmpty()) {
            LOG.info("First start: no handled message yet, so no backlog to replay (use 'initialize' to load PDC)");
            done = true;
            return;
        }
        double end = startedAt.getEpochSecond() + 60;
        double start = Math.max(last.getAsDouble() - overlapSeconds, startedAt.getEpochSecond() - maxAgeSeconds);
        LOG.info("Replaying the backlog from datagrepper: {} to {}", Instant.ofEpochSecond((long) start),
                Instant.ofEpochSecond((long) end));
        long[] fed = {0};
        long seen = datagrepper.forEachMessage(start, end, message -> {
            if (feed.feed(message)) {
                metrics.replayed();
                fed[0]++;
            }
        });
        LOG.info("Backlog replay done: {} messages read, {} in our topics", seen, fed[0]);
        done = true;
        settlePassDue = Instant.now().plus(settle);
    }

    /** The handover window again, once datanommer has surely stored it. */
    private void replaySettlePassIfDue() {
        Instant due = settlePassDue;
        if (due == null || Instant.now().isBefore(due) || datagrepper == null) {
            return;
        }
        double start = startedAt.getEpochSecond() - overlapSeconds;
        double end = startedAt.getEpochSecond() + 60;
        long[] fed = {0};
        datagrepper.forEachMessage(start, end, message -> {
            if (feed.feed(message)) {
                metrics.replayed();
                fed[0]++;
            }
        });
        LOG.info("Backlog settle pass done: {} messages around the start fed again (duplicates are dropped)", fed[0]);
        settlePassDue = null;
    }

    public boolean isDone() {
        return done;
    }
}
