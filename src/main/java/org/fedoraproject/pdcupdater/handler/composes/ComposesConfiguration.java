package org.fedoraproject.pdcupdater.handler.composes;

import java.net.URI;
import java.time.Duration;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.sandbox.EmbeddedSystems;
import org.fedoraproject.pdcupdater.sandbox.compose.ComposeTreeStandin;
import org.fedoraproject.pdcupdater.source.compose.ComposeMetadataClient;
import org.fedoraproject.pdcupdater.source.compose.LocationRewrite;
import org.fedoraproject.pdcupdater.source.http.HttpClients;
import org.fedoraproject.pdcupdater.source.http.HttpSettings;

/**
 * Binds the compose metadata client and the {@code composesHandler} bean ({@code routes/composes.camel.yaml}).
 *
 * <p>Embedded default ({@code pdc.url} empty, {@code composes.location-rewrite} empty): compose locations under
 * {@code http(s)://kojipkgs.fedoraproject.org/compose/}, and so the default compose root, are read from the compose
 * stand-in that the embedded systems serve at {@code /compose/}. Its port is chosen when the embedded systems start,
 * so the rule asks them on first use.
 */
@Configuration
public class ComposesConfiguration implements CamelConfiguration {

    static final String KOJIPKGS = "://kojipkgs.fedoraproject.org/compose/";

    @PropertyInject(value = "pdc.url", defaultValue = "")
    private String pdcUrl;
    @PropertyInject(value = "composes.root", defaultValue = "https://kojipkgs.fedoraproject.org/compose/")
    private String root;
    @PropertyInject(value = "composes.location-rewrite", defaultValue = "")
    private String locationRewrite;
    @PropertyInject(value = "composes.ensure-arches", defaultValue = "true")
    private boolean ensureArches;
    @PropertyInject(value = "composes.import-timeout", defaultValue = "3600000")
    private long importTimeout;
    @PropertyInject(value = "composes.read-timeout", defaultValue = "60000")
    private long readTimeout;

    private volatile CamelContext camelContext;

    @Override
    public void configure(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @BindToRegistry("composeMetadataClient")
    public ComposeMetadataClient composeMetadataClient() {
        LocationRewrite rewrite = LocationRewrite.parse(locationRewrite);
        if (rewrite.isEmpty() && pdcUrl.isBlank()) {
            rewrite = rewrite.with("http" + KOJIPKGS, this::embeddedComposeTree)
                    .with("https" + KOJIPKGS, this::embeddedComposeTree);
        }
        HttpSettings settings = HttpSettings.of(URI.create(root))
                .withRequestTimeout(Duration.ofMillis(readTimeout));
        return new ComposeMetadataClient(HttpClients.create(), settings, rewrite);
    }

    @BindToRegistry("composesHandler")
    public ComposesHandler composesHandler(Pdc pdc, ComposeMetadataClient composeMetadataClient) {
        ComposeImporter importer = new ComposeImporter(pdc, composeMetadataClient, ensureArches,
                Duration.ofMillis(importTimeout));
        return new ComposesHandler(importer, pdc);
    }

    private URI embeddedComposeTree() {
        CamelContext context = camelContext;
        EmbeddedSystems embedded = context == null ? null : context.hasService(EmbeddedSystems.class);
        if (embedded == null) {
            throw new IllegalStateException("composes.location-rewrite is empty and pdc.url is empty, but the "
                    + "embedded systems (with the compose stand-in) are not running");
        }
        return embedded.standin(ComposeTreeStandin.PATH);
    }
}
