package org.fedoraproject.pdcupdater.source.koji;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Pauses between retries: exponential from {@code initial}, capped at {@code max}, with "equal
 * jitter" (half fixed, half random) so many workers hitting a restarting hub do not retry in step.
 * A server's Retry-After is honoured up to {@code max}.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** The pause after failed attempt number {@code attempt} (1-based). */
    Duration delay(int attempt, Duration retryAfter) {
        long cap = max.toMillis();
        long exponential = initial.toMillis() << Math.min(attempt - 1, 20);
        long base = Math.min(cap, Math.max(0, exponential));
        long half = base / 2;
        long jittered = half + ThreadLocalRandom.current().nextLong(base - half + 1);
        if (retryAfter != null) {
            jittered = Math.max(jittered, Math.min(cap, retryAfter.toMillis()));
        }
        return Duration.ofMillis(jittered);
    }
}
