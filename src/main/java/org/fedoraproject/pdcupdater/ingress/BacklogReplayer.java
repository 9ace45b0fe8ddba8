package org.fedoraproject.pdcupdater.ingress;

import java.time.Instant;
import java.util.OptionalDouble;

import org.fedoraproject.pdcupdater.observe.IngressMetrics;
import org.fedoraproject.pdcupdater.source.DatagrepperClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a restart, fetches from datagrepper everything published since the last handled message,
 * while the bus consumer already runs: the two overlap on purpose and the idempotent repository
 * drops what arrives twice, so nothing sent during the start-up is lost.
 */
public class BacklogReplayer {

    private static final Logger LOG = LoggerFactory.getLogger(BacklogReplayer.class);

    private final DatagrepperClient datagrepper;
    private final Checkpoint checkpoint;
    private final ReplayFeed feed;
    private final IngressMetrics metrics;
    private final long maxAgeSeconds;
    private final long overlapSeconds;
    private final Instant startedAt = Instant.now();
    private volatile boolean done;

    public BacklogReplayer(DatagrepperClient datagrepper, Checkpoint checkpoint, ReplayFeed feed,
                           IngressMetrics metrics, long maxAgeSeconds, long overlapSeconds) {
        this.datagrepper = datagrepper;
        this.checkpoint = checkpoint;
        this.feed = feed;
        this.metrics = metrics;
        this.maxAgeSeconds = maxAgeSeconds;
        this.overlapSeconds = overlapSeconds;
    }

    /** Runs once successfully; a failed attempt (datagrepper down) is retried on the next call. */
    public void replayOnce() {
        if (done) {
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
    }

    public boolean isDone() {
        return done;
    }
}
