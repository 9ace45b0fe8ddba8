package org.fedoraproject.pdcupdater.source.http;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which failures are worth another attempt, and how long to wait before it.
 *
 * <p>Transient: no response (I/O error, timeout), 408, 429 and every 5xx. Everything else, 4xx in
 * particular, is the caller's mistake or a definite answer, and asking again gives the same result.
 * Waits grow exponentially with jitter, so several pdc-updater threads that failed together do not
 * retry in lock step; a server's {@code Retry-After} (seconds) is honoured up to the maximum.
 */
public final class RetryPolicy {

    /** Lets tests replace {@link Thread#sleep} so they need not wait. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public static final Sleeper THREAD_SLEEP = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

    private final int maxAttempts;
    private final Duration initial;
    private final Duration max;
    private final Sleeper sleeper;

    public RetryPolicy(int maxAttempts, Duration initial, Duration max, Sleeper sleeper) {
        this.maxAttempts = maxAttempts;
        this.initial = initial;
        this.max = max;
        this.sleeper = sleeper;
    }

    public static RetryPolicy from(HttpSettings settings) {
        return new RetryPolicy(settings.maxAttempts(), settings.initialBackoff(), settings.maxBackoff(), THREAD_SLEEP);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public static boolean isTransientStatus(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** Wait before attempt {@code failedAttempt + 1}. */
    public Duration delay(int failedAttempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return min(retryAfter.get(), max);
        }
        long base = initial.toNanos();
        long grown = failedAttempt >= 62 ? Long.MAX_VALUE : base << Math.min(failedAttempt - 1, 30);
        long capped = Math.min(grown < 0 ? Long.MAX_VALUE : grown, max.toNanos());
        // "Equal jitter": at least half the computed wait, so backoff still grows.
        long jittered = capped / 2 + (capped > 1 ? ThreadLocalRandom.current().nextLong(capped / 2 + 1) : 0);
        return Duration.ofNanos(jittered);
    }

    public void pause(int failedAttempt, Optional<Duration> retryAfter) throws InterruptedException {
        Duration wait = delay(failedAttempt, retryAfter);
        if (!wait.isZero() && !wait.isNegative()) {
            sleeper.sleep(wait);
        }
    }

    /** Parses a {@code Retry-After} header given in seconds; HTTP-date forms are ignored. */
    public static Optional<Duration> parseRetryAfter(Optional<String> header) {
        return header.map(String::trim).filter(v -> v.matches("\\d{1,9}")).map(v -> Duration.ofSeconds(Long.parseLong(v)));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
