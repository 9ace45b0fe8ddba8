package org.fedoraproject.pdcupdater.pdc;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a failed request again: only {@link PdcException#isRetryable() retryable} failures, at most
 * {@code maxAttempts} attempts in all, waiting a random time in {@code [0, min(maxBackoff, initial * 2^(n-1))]}
 * after attempt n ("full jitter": many updater threads or instances hitting a recovering PDC spread out instead of
 * retrying in lock-step).
 *
 * <p>A {@code Retry-After} from the server (429, 503) replaces the jittered delay and is honoured as given. When it
 * asks for longer than {@code maxBackoff} the policy gives up instead: blocking a route thread for minutes is worse
 * than failing the exchange, which the route's error handler can dead-letter and replay later; the exception carries
 * the server's value ({@link PdcException#retryAfter()}).
 */
final class RetryPolicy {

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final RandomGenerator random;

    RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, RandomGenerator random) {
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.random = random;
    }

    int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The delay before the next attempt after {@code attempt} (1-based) failed with {@code failure}; empty means give
     * up and throw.
     */
    Optional<Duration> delayAfter(int attempt, PdcException failure) {
        if (!failure.isRetryable() || attempt >= maxAttempts) {
            return Optional.empty();
        }
        Optional<Duration> retryAfter = failure.retryAfter();
        if (retryAfter.isPresent()) {
            return retryAfter.get().compareTo(maxBackoff) <= 0 ? retryAfter : Optional.empty();
        }
        long cap = initialBackoff.toMillis();
        for (int i = 1; i < attempt && cap < maxBackoff.toMillis(); i++) {
            cap *= 2;
        }
        cap = Math.min(cap, maxBackoff.toMillis());
        return Optional.of(Duration.ofMillis(random.nextLong(cap + 1)));
    }

    /**
     * Parses {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110 10.2.3). Unparsable or negative values
     * are ignored (the jittered backoff applies).
     */
    static Optional<Duration> parseRetryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String v = header.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
