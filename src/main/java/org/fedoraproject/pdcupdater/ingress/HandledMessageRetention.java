package org.fedoraproject.pdcupdater.ingress;

import java.time.Clock;
import java.time.Duration;

import org.fedoraproject.pdcupdater.db.GroupCommitMessageIdRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the table of handled msg_ids from growing for as long as the service runs: a mark is only
 * needed while its message can still arrive again, and every way back is bounded in time (the
 * backlog replay reaches back {@code fedmsg.backlog-max-age} plus {@code fedmsg.backlog-overlap},
 * gap replays less, and a second endpoint's copy comes within seconds). Marks older than
 * {@code fedmsg.dedup-retention} are deleted by the {@code fedmsg-forget-old} route.
 */
public class HandledMessageRetention {

    private static final Logger LOG = LoggerFactory.getLogger(HandledMessageRetention.class);

    private final GroupCommitMessageIdRepository marks;
    private final Duration retention;
    private final Clock clock;

    /**
     * @throws IllegalArgumentException when the retention is not longer than the backlog replay
     *         reaches back: a replayed message whose mark was pruned would be handled twice
     */
    public HandledMessageRetention(GroupCommitMessageIdRepository marks, Duration retention, Duration replayReach,
                                   Clock clock) {
        if (retention.compareTo(replayReach) <= 0) {
            throw new IllegalArgumentException("fedmsg.dedup-retention (" + retention.toSeconds()
                    + " s) must be longer than the backlog replay reaches back (fedmsg.backlog-max-age + "
                    + "fedmsg.backlog-overlap = " + replayReach.toSeconds() + " s)");
        }
        this.marks = marks;
        this.retention = retention;
        this.clock = clock;
    }

    /** Deletes the marks older than the retention; returns how many. */
    public long pruneOnce() {
        long deleted = marks.prune(clock.instant().minus(retention));
        if (deleted > 0) {
            LOG.info("Forgot {} handled msg_ids older than {} (fedmsg.dedup-retention)", deleted, retention);
        }
        return deleted;
    }
}
