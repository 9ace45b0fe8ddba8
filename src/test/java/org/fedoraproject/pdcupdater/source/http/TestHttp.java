package org.fedoraproject.pdcupdater.source.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/** One shared HTTP client for the tests, and settings that retry without noticeable waits. */
public final class TestHttp {

    public static final HttpClient CLIENT = HttpClients.create(Duration.ofSeconds(5));

    private TestHttp() {
    }

    /** Three attempts, millisecond backoff: retries are exercised, tests stay quick. */
    public static HttpSettings fast(URI base) {
        return HttpSettings.of(base).withRequestTimeout(Duration.ofSeconds(20))
                .withRetries(3, Duration.ofMillis(1), Duration.ofMillis(5));
    }
}
