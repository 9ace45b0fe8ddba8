package org.fedoraproject.pdcupdater.source.koji;

import java.net.URI;
import java.time.Duration;

/**
 * How {@link KojiClient} talks to the hub.
 *
 * @param hubUrl             the XML-RPC endpoint, e.g. {@code https://koji.fedoraproject.org/kojihub}
 * @param connectTimeout     to open a connection
 * @param readTimeout        to wait for the response headers, and then the longest silence while
 *                           the body streams in
 * @param maxAttempts        tries per request, the first included; 1 disables retrying
 * @param initialBackoff     pause before the first retry; it doubles per retry, with jitter
 * @param maxBackoff         longest pause between retries (also caps a server's Retry-After)
 * @param limits             what a response may contain
 * @param multicallBatchSize calls per {@code system.multicall} request
 */
public record KojiClientSettings(
        URI hubUrl,
        Duration connectTimeout,
        Duration readTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        XmlRpcLimits limits,
        int multicallBatchSize) {

    public KojiClientSettings {
        if (maxAttempts < 1 || multicallBatchSize < 1) {
            throw new IllegalArgumentException("maxAttempts and multicallBatchSize must be at least 1");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /**
     * Defaults for Fedora's hub: a {@code listTagged} of a whole release takes the hub tens of
     * seconds before the first byte, hence the two-minute read timeout; five attempts with
     * backoff up to 30 s ride out a hub restart.
     */
    public static KojiClientSettings defaults(URI hubUrl) {
        return new KojiClientSettings(hubUrl, Duration.ofSeconds(10), Duration.ofSeconds(120), 5,
                Duration.ofSeconds(1), Duration.ofSeconds(30), XmlRpcLimits.DEFAULTS, 500);
    }

    public KojiClientSettings withTimeouts(Duration connect, Duration read) {
        return new KojiClientSettings(hubUrl, connect, read, maxAttempts, initialBackoff, maxBackoff, limits,
                multicallBatchSize);
    }

    public KojiClientSettings withRetries(int attempts, Duration initial, Duration max) {
        return new KojiClientSettings(hubUrl, connectTimeout, readTimeout, attempts, initial, max, limits,
                multicallBatchSize);
    }

    public KojiClientSettings withLimits(XmlRpcLimits newLimits) {
        return new KojiClientSettings(hubUrl, connectTimeout, readTimeout, maxAttempts, initialBackoff, maxBackoff,
                newLimits, multicallBatchSize);
    }

    public KojiClientSettings withMulticallBatchSize(int size) {
        return new KojiClientSettings(hubUrl, connectTimeout, readTimeout, maxAttempts, initialBackoff, maxBackoff,
                limits, size);
    }
}
