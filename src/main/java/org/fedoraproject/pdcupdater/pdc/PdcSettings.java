package org.fedoraproject.pdcupdater.pdc;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach PDC.
 *
 * @param apiRoot        e.g. {@code https://pdc.fedoraproject.org/rest_api/v1/}; a missing trailing slash is added
 * @param token          the API token, or null (then {@code tokenFile}, or anonymous: reads only)
 * @param tokenFile      a file holding the token (read once when the client starts, trimmed); exclusive with token
 * @param connectTimeout TCP/TLS connect timeout (default 10 s)
 * @param readTimeout    time allowed for one request from send to the complete response body (default 60 s)
 * @param maxAttempts    attempts per request including the first, for transient failures (default 5)
 * @param initialBackoff first retry delay bound; doubles per attempt, full jitter (default 500 ms)
 * @param maxBackoff     cap of one retry delay, and of an honoured {@code Retry-After} (default 30 s)
 * @param bulkChunkSize  items per bulk POST; each chunk is all-or-nothing like PDC itself (default 500)
 * @param insecure       <b>false by default: TLS certificates and host names are verified.</b> True switches both
 *                       checks off (a throw-away staging host with a self-signed certificate); the token is then
 *                       exposed to anyone in the path, so never use it against production. The client logs a
 *                       warning when it is on.
 */
public record PdcSettings(URI apiRoot, String token, Path tokenFile, Duration connectTimeout, Duration readTimeout,
                          int maxAttempts, Duration initialBackoff, Duration maxBackoff, int bulkChunkSize,
                          boolean insecure) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final int DEFAULT_BULK_CHUNK_SIZE = 500;

    /** Null durations and non-positive counts take the defaults, so property binding can leave them unset. */
    public PdcSettings {
        apiRoot = normalizeRoot(apiRoot);
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (token != null && tokenFile != null) {
            throw new IllegalArgumentException("set either the PDC token or the token file, not both");
        }
        connectTimeout = positiveOr(connectTimeout, DEFAULT_CONNECT_TIMEOUT);
        readTimeout = positiveOr(readTimeout, DEFAULT_READ_TIMEOUT);
        initialBackoff = positiveOr(initialBackoff, DEFAULT_INITIAL_BACKOFF);
        maxBackoff = positiveOr(maxBackoff, DEFAULT_MAX_BACKOFF);
        if (maxAttempts <= 0) {
            maxAttempts = DEFAULT_MAX_ATTEMPTS;
        }
        if (bulkChunkSize <= 0) {
            bulkChunkSize = DEFAULT_BULK_CHUNK_SIZE;
        }
    }

    /** Anonymous (read-only) settings with all defaults. */
    public static PdcSettings of(URI apiRoot) {
        return builder(apiRoot).build();
    }

    public static Builder builder(URI apiRoot) {
        return new Builder(apiRoot);
    }

    public Builder toBuilder() {
        return new Builder(apiRoot).token(token).tokenFile(tokenFile).connectTimeout(connectTimeout)
                .readTimeout(readTimeout).maxAttempts(maxAttempts).initialBackoff(initialBackoff)
                .maxBackoff(maxBackoff).bulkChunkSize(bulkChunkSize).insecure(insecure);
    }

    /**
     * The token from {@code token} or {@code tokenFile}; empty when neither is set.
     *
     * @throws IllegalStateException when the token file cannot be read or is empty (the message names the file,
     *                               never its content)
     */
    public Optional<PdcToken> resolveToken() {
        if (token != null) {
            return Optional.of(PdcToken.of(token));
        }
        if (tokenFile == null) {
            return Optional.empty();
        }
        String content;
        try {
            content = Files.readString(tokenFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the PDC token file " + tokenFile + ": "
                    + e.getClass().getSimpleName(), e);
        }
        try {
            return Optional.of(PdcToken.of(content));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the PDC token file " + tokenFile + " is unusable: " + e.getMessage());
        }
    }

    /** Never shows the token; shows whether one is set and where a token file is. */
    @Override
    public String toString() {
        return "PdcSettings[apiRoot=" + apiRoot
                + ", token=" + (token == null ? "none" : "[redacted]")
                + ", tokenFile=" + tokenFile
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff
                + ", bulkChunkSize=" + bulkChunkSize + ", insecure=" + insecure + "]";
    }

    private static URI normalizeRoot(URI root) {
        Objects.requireNonNull(root, "apiRoot");
        String scheme = root.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || root.getHost() == null) {
            throw new IllegalArgumentException("PDC apiRoot must be an absolute http(s) URL: " + root);
        }
        if (root.getRawQuery() != null || root.getRawFragment() != null) {
            throw new IllegalArgumentException("PDC apiRoot must not have a query or fragment: " + root);
        }
        String s = root.toString();
        // Every PDC path ends with '/', and relative resolution against a root without one would drop its last
        // segment ("v1"): add it rather than let a config typo turn into 301s (contract 1.1).
        return s.endsWith("/") ? root : URI.create(s + "/");
    }

    private static Duration positiveOr(Duration value, Duration fallback) {
        return value == null || value.isNegative() || value.isZero() ? fallback : value;
    }

    /** Fluent construction; unset values take the defaults. */
    public static final class Builder {
        private final URI apiRoot;
        private String token;
        private Path tokenFile;
        private Duration connectTimeout;
        private Duration readTimeout;
        private int maxAttempts;
        private Duration initialBackoff;
        private Duration maxBackoff;
        private int bulkChunkSize;
        private boolean insecure;

        private Builder(URI apiRoot) {
            this.apiRoot = apiRoot;
        }

        public Builder token(String value) { this.token = value; return this; }
        public Builder tokenFile(Path value) { this.tokenFile = value; return this; }
        public Builder connectTimeout(Duration value) { this.connectTimeout = value; return this; }
        public Builder readTimeout(Duration value) { this.readTimeout = value; return this; }
        public Builder maxAttempts(int value) { this.maxAttempts = value; return this; }
        public Builder initialBackoff(Duration value) { this.initialBackoff = value; return this; }
        public Builder maxBackoff(Duration value) { this.maxBackoff = value; return this; }
        public Builder bulkChunkSize(int value) { this.bulkChunkSize = value; return this; }
        public Builder insecure(boolean value) { this.insecure = value; return this; }

        public PdcSettings build() {
            return new PdcSettings(apiRoot, token, tokenFile, connectTimeout, readTimeout, maxAttempts,
                    initialBackoff, maxBackoff, bulkChunkSize, insecure);
        }
    }
}
