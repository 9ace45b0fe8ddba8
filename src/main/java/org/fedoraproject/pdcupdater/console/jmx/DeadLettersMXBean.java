package org.fedoraproject.pdcupdater.console.jmx;

import java.util.List;

/** Handler failures waiting for reconciliation or for a person ({@code org.fedoraproject.pdcupdater:type=DeadLetters}). */
public interface DeadLettersMXBean {

    /** Waiting for their next automatic replay. */
    long getPendingCount();

    /** Replayed too often without success: a person has to look. */
    long getNeedsPersonCount();

    long getDiscardedCount();

    long getResolvedCount();

    /** The newest open entries (pending or needing a person): id, handler, topic, msg_id, attempts, reason. */
    List<String> getNewest();

    /** Makes an open entry due now, so the next reconciliation run replays it. Admin only. */
    String retry(long id);

    /** Marks an open entry as needing nothing more. Admin only. */
    String discard(long id);
}
