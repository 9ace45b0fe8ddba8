package org.fedoraproject.pdcupdater.source.http;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Builds the one {@link HttpClient} the source clients share. One instance means one connection
 * pool and one selector thread for every source, instead of one per client.
 */
public final class HttpClients {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private HttpClients() {
    }

    public static HttpClient create(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // Never follow https -> http; dist-git and pagure redirect between their own https hosts.
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public static HttpClient create() {
        return create(DEFAULT_CONNECT_TIMEOUT);
    }
}
