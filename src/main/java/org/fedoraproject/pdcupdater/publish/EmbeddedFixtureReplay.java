package org.fedoraproject.pdcupdater.publish;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgSigner;
import org.fedoraproject.pdcupdater.fedmsg.pki.LocalPkiDirectory;
import org.fedoraproject.pdcupdater.ingress.FedmsgConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a new user the service working: once the service has started on its embedded defaults,
 * publishes the bundled real fixture messages, signed by the local CA's {@code pdc-updater-local}
 * certificate, on the local bus the service listens to. PDC (the embedded sandbox) fills up
 * within seconds. The fixture msg_ids are kept (files without one get a stable id), so the next
 * start publishes duplicates that the service drops.
 */
public class EmbeddedFixtureReplay implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFixtureReplay.class);
    static final Duration SUBSCRIBER_WAIT = Duration.ofSeconds(30);

    private final String busInbound;
    private final Path pkiDir;
    private final String topicPrefix;

    public EmbeddedFixtureReplay(String busInbound, Path pkiDir, String topicPrefix) {
        this.busInbound = busInbound;
        this.pkiDir = pkiDir;
        this.topicPrefix = topicPrefix;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        Thread thread = new Thread(this::publish, "embedded-fixture-replay");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return how many messages were published */
    public int publish() {
        try {
            LocalPkiDirectory.ensure(pkiDir, List.of(FedmsgConfiguration.LOCAL_PUBLISHER));
            Republisher republisher = new Republisher(
                    FedmsgSigner.fromSsldir(pkiDir, FedmsgConfiguration.LOCAL_PUBLISHER), topicPrefix, true, false,
                    Clock.systemUTC());
            List<Map.Entry<String, ObjectNode>> messages = BundledMessages.load();
            try (LocalBusPublisher bus = LocalBusPublisher.connect(busInbound)) {
                if (!bus.awaitSubscriber(SUBSCRIBER_WAIT)) {
                    LOG.warn("Embedded demo: nobody subscribed on the local bus within {}; fixture messages not"
                            + " published", SUBSCRIBER_WAIT);
                    return 0;
                }
                for (Map.Entry<String, ObjectNode> message : messages) {
                    bus.send(republisher.prepare(message.getValue(), BundledMessages.stableId(message.getKey())));
                }
            }
            LOG.info("Embedded demo: published {} bundled fixture messages on the local bus (README 'Operations'"
                    + " shows the curl calls that list what they put into PDC)", messages.size());
            return messages.size();
        } catch (Exception e) {
            LOG.warn("Embedded demo: fixture messages not published: {}", e.getMessage());
            return 0;
        }
    }
}
