package org.fedoraproject.pdcupdater.reconcile;

import java.time.Instant;

/** A message one handler could not apply to PDC, with what went wrong and what happens next. */
public record DeadLetter(long id, String msgId, String topic, String handler, String rawMessage, String reason,
                         String exceptionClass, boolean permanent, int attempts, Instant firstFailure,
                         Instant lastFailure, Instant nextAttempt, Status status) {

    /** Where a dead letter stands. */
    public enum Status {
        /** Waiting for its next replay. */
        PENDING,
        /** Replayed too often without success: a person has to look. */
        NEEDS_PERSON,
        /** A replay succeeded. */
        RESOLVED,
        /** An operator decided it needs nothing more. */
        DISCARDED
    }
}
