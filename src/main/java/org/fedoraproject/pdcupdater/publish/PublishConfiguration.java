package org.fedoraproject.pdcupdater.publish;

import java.nio.file.Path;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's local bus and demo: when the service runs on its embedded defaults
 * ({@code pdc.url} empty, a local CA) with {@code embedded.replay-fixtures} true, it binds a
 * {@link LocalBus} at the first of {@code fedmsg.endpoints} (where its own SUB connects) with
 * publishers' inbound endpoint {@code embedded.bus-inbound}, and publishes the bundled fixture
 * messages on it ({@link EmbeddedFixtureReplay}). Never against a real PDC: the fixtures are
 * old messages.
 */
@Configuration
public class PublishConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PublishConfiguration.class);

    @PropertyInject(value = "embedded.replay-fixtures", defaultValue = "false")
    private boolean replayFixtures;
    @PropertyInject(value = "embedded.bus-inbound", defaultValue = "tcp://127.0.0.1:9941")
    private String busInbound;
    @PropertyInject(value = "pdc.url", defaultValue = "")
    private String pdcUrl;
    @PropertyInject(value = "fedmsg.local-pki-dir", defaultValue = "")
    private String localPkiDir;
    @PropertyInject(value = "fedmsg.endpoints", defaultValue = "")
    private String endpoints;
    @PropertyInject("fedmsg.topic-prefix")
    private String topicPrefix;

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        if (!replayFixtures || !pdcUrl.isBlank() || localPkiDir.isBlank() || endpoints.isBlank()) {
            return;
        }
        LocalBus bus = new LocalBus(busInbound, endpoints.split(",")[0].strip());
        try {
            bus.start();
        } catch (RuntimeException e) {
            // Something else owns the endpoint (another instance, a real bus): the demo is optional.
            LOG.warn("Embedded demo off: {}", e.getMessage());
            return;
        }
        camelContext.addService(bus, true, true);
        camelContext.addStartupListener(new EmbeddedFixtureReplay(busInbound, Path.of(localPkiDir), topicPrefix));
    }
}
