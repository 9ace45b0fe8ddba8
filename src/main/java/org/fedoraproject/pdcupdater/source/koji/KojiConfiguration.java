package org.fedoraproject.pdcupdater.source.koji;

import java.net.URI;
import java.time.Duration;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

/**
 * Binds {@code kojiClient} for the handler routes. Creating it opens no connection, so a service
 * that never asks Koji anything costs nothing. Settings ({@code koji.*}) default to Fedora's hub.
 */
@Configuration
public class KojiConfiguration implements CamelConfiguration {

    @PropertyInject(value = "koji.url", defaultValue = "https://koji.fedoraproject.org/kojihub")
    private String url;
    @PropertyInject(value = "koji.connect-timeout", defaultValue = "10000")
    private long connectTimeoutMillis;
    @PropertyInject(value = "koji.read-timeout", defaultValue = "120000")
    private long readTimeoutMillis;
    @PropertyInject(value = "koji.max-attempts", defaultValue = "5")
    private int maxAttempts;
    @PropertyInject(value = "koji.max-response-size", defaultValue = "268435456")
    private long maxResponseBytes;
    @PropertyInject(value = "koji.multicall-batch-size", defaultValue = "500")
    private int multicallBatchSize;

    @BindToRegistry("kojiClient")
    public KojiClient kojiClient() {
        KojiClientSettings defaults = KojiClientSettings.defaults(URI.create(url));
        return new KojiClient(defaults
                .withTimeouts(Duration.ofMillis(connectTimeoutMillis), Duration.ofMillis(readTimeoutMillis))
                .withRetries(maxAttempts, defaults.initialBackoff(), defaults.maxBackoff())
                .withLimits(defaults.limits().withMaxBytes(maxResponseBytes))
                .withMulticallBatchSize(multicallBatchSize));
    }
}
