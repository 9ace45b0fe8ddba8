package org.fedoraproject.pdcupdater.sandbox;

import java.nio.file.Path;

/**
 * How to run a {@link PdcSandbox}.
 *
 * @param host         interface to bind; null means 127.0.0.1 (the sandbox is a developer tool, never expose it)
 * @param port         TCP port, 0 = ephemeral
 * @param jdbcUrl      H2 URL, e.g. {@code jdbc:h2:file:./data/pdc-sandbox} (survives restarts) or {@code jdbc:h2:mem:x}
 * @param token        the accepted write token; null = accept any non-empty token
 * @param releasesFile JSON array of release create bodies seeded at start when missing; nullable
 * @param cacheGets    reproduce PDC's 30 s GET cache (pdc-api.md errata 1) so clients can be tested against it
 * @param maxBodyBytes request body limit in bytes; 0 = no limit. Real Fedora PDC sits behind Apache's 30 MiB
 *                     {@code LimitRequestBody}; the sandbox is off by default so big rpms manifests can be imported.
 */
public record SandboxSettings(String host, int port, String jdbcUrl, String token, Path releasesFile,
                              boolean cacheGets, long maxBodyBytes) {

    /** The six-argument form other modules code against; no body limit. */
    public SandboxSettings(String host, int port, String jdbcUrl, String token, Path releasesFile, boolean cacheGets) {
        this(host, port, jdbcUrl, token, releasesFile, cacheGets, 0L);
    }

    /** An in-memory sandbox on an ephemeral port accepting any token: the usual test setup. */
    public static SandboxSettings inMemory(String name) {
        return new SandboxSettings("127.0.0.1", 0, "jdbc:h2:mem:" + name, null, null, false);
    }

    public SandboxSettings withReleasesFile(Path file) {
        return new SandboxSettings(host, port, jdbcUrl, token, file, cacheGets, maxBodyBytes);
    }

    public SandboxSettings withCacheGets(boolean cache) {
        return new SandboxSettings(host, port, jdbcUrl, token, releasesFile, cache, maxBodyBytes);
    }

    public SandboxSettings withMaxBodyBytes(long limit) {
        return new SandboxSettings(host, port, jdbcUrl, token, releasesFile, cacheGets, limit);
    }

    String effectiveHost() {
        return host == null || host.isBlank() ? "127.0.0.1" : host;
    }
}
