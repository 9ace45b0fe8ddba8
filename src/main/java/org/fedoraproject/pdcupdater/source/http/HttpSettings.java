package org.fedoraproject.pdcupdater.source.http;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How one source client talks to its server: where, how long to wait, how often to retry.
 *
 * @param baseUri        the service root, e.g. {@code https://admin.fedoraproject.org/pkgdb/}; always ends in '/'
 * @param requestTimeout how long one request may take, headers and body
 * @param maxAttempts    attempts per call, including the first (1 disables retries)
 * @param initialBackoff wait before the second attempt; doubles per attempt
 * @param maxBackoff     upper bound of any wait, including a server's Retry-After
 * @param maxBodyBytes   larger responses are refused, so one bad answer cannot exhaust the heap
 * @param userAgent      sent with every request so server operators can tell who is calling
 * @param secrets        strings (passwords, tokens) that must never appear in an exception message
 */
public record HttpSettings(URI baseUri, Duration requestTimeout, int maxAttempts, Duration initialBackoff,
        Duration maxBackoff, long maxBodyBytes, String userAgent, Set<String> secrets) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_ATTEMPTS = 4;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final long DEFAULT_MAX_BODY = 64L * 1024 * 1024;
    public static final String DEFAULT_USER_AGENT = "pdc-updater";

    public HttpSettings {
        Objects.requireNonNull(baseUri, "baseUri");
        String text = baseUri.toString();
        // Relative resolution drops the last path segment of a base without a trailing slash.
        baseUri = text.endsWith("/") ? baseUri : URI.create(text + "/");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        userAgent = userAgent == null || userAgent.isBlank() ? DEFAULT_USER_AGENT : userAgent;
        secrets = secrets == null ? Set.of() : Set.copyOf(secrets);
    }

    /** Production defaults for a service rooted at {@code baseUri}. */
    public static HttpSettings of(URI baseUri) {
        return new HttpSettings(baseUri, DEFAULT_TIMEOUT, DEFAULT_ATTEMPTS, DEFAULT_INITIAL_BACKOFF,
                DEFAULT_MAX_BACKOFF, DEFAULT_MAX_BODY, DEFAULT_USER_AGENT, Set.of());
    }

    public static HttpSettings of(String baseUri) {
        return of(URI.create(baseUri));
    }

    public HttpSettings withRequestTimeout(Duration timeout) {
        return new HttpSettings(baseUri, timeout, maxAttempts, initialBackoff, maxBackoff, maxBodyBytes, userAgent,
                secrets);
    }

    public HttpSettings withRetries(int attempts, Duration initial, Duration max) {
        return new HttpSettings(baseUri, requestTimeout, attempts, initial, max, maxBodyBytes, userAgent, secrets);
    }

    public HttpSettings withMaxBodyBytes(long bytes) {
        return new HttpSettings(baseUri, requestTimeout, maxAttempts, initialBackoff, maxBackoff, bytes, userAgent,
                secrets);
    }

    public HttpSettings withUserAgent(String agent) {
        return new HttpSettings(baseUri, requestTimeout, maxAttempts, initialBackoff, maxBackoff, maxBodyBytes, agent,
                secrets);
    }

    /** Adds strings to mask in messages (the ones already set stay). */
    public HttpSettings withSecrets(Set<String> values) {
        Set<String> all = new java.util.HashSet<>(secrets);
        all.addAll(values);
        return new HttpSettings(baseUri, requestTimeout, maxAttempts, initialBackoff, maxBackoff, maxBodyBytes,
                userAgent, all);
    }

    /** Never shows the secrets, only how many there are: settings get logged. */
    @Override
    public String toString() {
        return "HttpSettings[baseUri=" + Urls.redact(baseUri, secrets) + ", requestTimeout=" + requestTimeout
                + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff
                + ", maxBodyBytes=" + maxBodyBytes + ", userAgent=" + userAgent + ", secrets=" + secrets.size() + "]";
    }
}
