package org.fedoraproject.pdcupdater.cluster;

/**
 * Where the leader's "handled" marks become visible to the next leader. The ingress marks a message in
 * memory first and stores the mark a moment later (group commit); a leader must not let go of its epoch
 * before its marks are stored, or a new leader replaying the backlog would handle those messages again.
 */
@FunctionalInterface
public interface StoredMarks {

    /** Marks are stored as they are made. */
    StoredMarks IMMEDIATE = (msgId, timeoutMillis) -> true;

    /** Waits until {@code msgId}'s mark (if it has one) is stored; false if that took longer than the timeout. */
    boolean awaitStored(String msgId, long timeoutMillis);
}
