package org.fedoraproject.pdcupdater.ingress;

import java.time.Duration;
import java.time.Instant;

import org.fedoraproject.pdcupdater.observe.IngressMetrics;
import org.fedoraproject.pdcupdater.source.DatagrepperClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records sequence gaps as they are seen and later fetches the missing messages from
 * datagrepper. The fetch waits a little ({@code fedmsg.gap-replay-delay}) because datanommer
 * stores messages some seconds after they were published.
 */
public class GapReplayer {

    private static final Logger LOG = LoggerFactory.getLogger(GapReplayer.class);
    static final int MAX_ATTEMPTS = 20;
    /** Publisher clocks and datagrepper's stored times differ slightly: widen the window. */
    private static final double WINDOW_MARGIN_SECONDS = 2.0;

    private final SequenceTracker tracker;
    private final GapStore gaps;
    private final DatagrepperClient datagrepper;
    private final ReplayFeed feed;
    private final IngressMetrics metrics;
    private final Duration delay;

    public GapReplayer(SequenceTracker tracker, GapStore gaps, DatagrepperClient datagrepper, ReplayFeed feed,
                       IngressMetrics metrics, Duration delay) {
        this.tracker = tracker;
        this.gaps = gaps;
        this.datagrepper = datagrepper;
        this.feed = feed;
        this.metrics = metrics;
        this.delay = delay;
    }

    /** Called for every message that arrived live from the bus. */
    public void observe(String publisher, Long sequence, double timestamp) {
        if (sequence == null) {
            return;
        }
        tracker.observe(publisher, sequence, timestamp).ifPresent(gap -> {
            LOG.warn("Missed {} message(s) from {} (sequence {} to {}); will fetch them from datagrepper",
                    gap.count(), gap.publisher(), gap.firstMissing(), gap.lastMissing());
            metrics.missed(gap.count());
            if (datagrepper != null) {
                gaps.add(gap);
            }
        });
    }

    /** Fetches the messages of every gap old enough to be in datagrepper. */
    public void replayDue() {
        if (datagrepper == null) {
            return;
        }
        for (GapStore.PendingGap pending : gaps.due(Instant.now().minus(delay), MAX_ATTEMPTS)) {
            SequenceGap gap = pending.gap();
            try {
                long fed = datagrepper.forEachMessage(gap.windowStart() - WINDOW_MARGIN_SECONDS,
                        gap.windowEnd() + WINDOW_MARGIN_SECONDS, message -> {
                            if (feed.feed(message)) {
                                metrics.replayed();
                            }
                        });
                gaps.resolved(pending.id());
                LOG.info("Fetched the window of gap {} ({} to {} of {}): {} messages re-checked", pending.id(),
                        gap.firstMissing(), gap.lastMissing(), gap.publisher(), fed);
            } catch (RuntimeException e) {
                gaps.failedAttempt(pending.id());
                LOG.warn("Cannot fetch gap {} from datagrepper yet (attempt {} of {}): {}", pending.id(),
                        pending.attempts() + 1, MAX_ATTEMPTS, e.getMessage());
            }
        }
    }
}
