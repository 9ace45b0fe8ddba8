package org.fedoraproject.pdcupdater.reconcile;

import java.time.Duration;

/**
 * When reconciliation replays a dead letter again, and when it gives up and asks a person.
 *
 * @param firstDelay     wait before the first replay of a transient failure; doubled per attempt
 * @param maxDelay       the longest wait between two replays of a transient failure
 * @param permanentDelay wait between replays of a permanent failure (a person must act first,
 *                       e.g. create the release, so trying often is pointless)
 * @param maxAttempts    after this many failed attempts (the live one included) the entry becomes
 *                       {@link DeadLetter.Status#NEEDS_PERSON} and is no longer replayed by itself
 */
public record RetrySchedule(Duration firstDelay, Duration maxDelay, Duration permanentDelay, int maxAttempts) {

    public static final RetrySchedule DEFAULT =
            new RetrySchedule(Duration.ofMinutes(1), Duration.ofHours(6), Duration.ofHours(1), 20);

    public RetrySchedule {
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0 || permanentDelay.isNegative()
                || maxAttempts < 1) {
            throw new IllegalArgumentException("invalid dead-letter retry schedule: " + firstDelay + ", " + maxDelay
                    + ", " + permanentDelay + ", " + maxAttempts);
        }
    }

    /** The wait after the {@code attempts}-th failure. */
    public Duration delay(int attempts, boolean permanent) {
        if (permanent) {
            return permanentDelay;
        }
        Duration delay = firstDelay;
        for (int i = 1; i < attempts && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
