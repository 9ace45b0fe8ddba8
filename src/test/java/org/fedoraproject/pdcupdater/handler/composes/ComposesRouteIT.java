package org.fedoraproject.pdcupdater.handler.composes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.reconcile.DeadLetter;
import org.fedoraproject.pdcupdater.reconcile.DeadLetterStore;
import org.fedoraproject.pdcupdater.sandbox.compose.BundledComposeTree;
import org.fedoraproject.pdcupdater.testsupport.Eventually;
import org.fedoraproject.pdcupdater.testsupport.Fixtures;
import org.fedoraproject.pdcupdater.testsupport.SignedMessages;
import org.fedoraproject.pdcupdater.testsupport.TestBus;
import org.fedoraproject.pdcupdater.testsupport.TestService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composes route in the real service on its embedded defaults: signed messages on a real bus, dispatch, the
 * handler, the bundled compose tree stand-in (kojipkgs locations rewritten onto it) and the embedded PDC sandbox.
 */
class ComposesRouteIT {

    private static final String PREFIX = "org.fedoraproject.prod.";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private TestBus bus;
    private SignedMessages publisher;
    private TestService service;

    @BeforeEach
    void setUp() {
        bus = TestBus.onFreePort();
        publisher = SignedMessages.publisher(dir.resolve("pki"), "pungi-test");
        Map<String, String> s = new HashMap<>();
        s.put("db.url", "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
        s.put("fedmsg.endpoints", bus.endpoint());
        s.put("fedmsg.local-pki-dir", dir.resolve("pki").toString());
        s.put("fedmsg.ca-cert", dir.resolve("pki/ca.crt").toString());
        s.put("fedmsg.crl", dir.resolve("pki/crl.pem").toString());
        s.put("fedmsg.routing-policy", "");
        s.put("handlers.redeliveries", "0");
        service = TestService.start(s);
    }

    @AfterEach
    void tearDown() {
        if (service != null) {
            service.close();
        }
        bus.close();
    }

    @Test
    void aFinishedComposeIsImportedAndBadOrOldComposeMessagesAreAccountedFor() {
        // PUB/SUB drops what is sent before the subscription arrives: repeat the message until it is handled
        // (handling it again is a no-op, which is what this also shows).
        ObjectNode finished = JSON.createObjectNode().put("compose_id", BundledComposeTree.COMPOSE_ID)
                .put("location", "http://kojipkgs.fedoraproject.org/compose//rawhide/"
                        + BundledComposeTree.COMPOSE_ID + "/compose")
                .put("status", "FINISHED");
        PdcClient pdc = service.bean("pdcClient", PdcClient.class);
        Eventually.await("compose imported", Duration.ofSeconds(60), () -> {
            send(publisher.next(PREFIX + "pungi.compose.status.change", finished));
            sleep(300);
            return pdc.find("composes", BundledComposeTree.COMPOSE_ID).isPresent()
                    && pdc.count("images", Map.of("compose", BundledComposeTree.COMPOSE_ID)) == 11;
        });
        assertThat(pdc.count("rpms", Map.of("compose", BundledComposeTree.COMPOSE_ID))).isPositive();

        // The fixture's FINISHED message moved to a compose whose metadata is not there: a dead letter saying so.
        ObjectNode absent = Fixtures.json("fedmsg/pungi.compose.status.change--TestPungiKojiComplete.json").get("msg")
                .deepCopy();
        absent.put("compose_id", "Fedora-24-20151208.n.8").put("location",
                absent.get("location").asText().replace("20151208.n.7", "20151208.n.8"));
        ObjectNode missing = publisher.next(PREFIX + "pungi.compose.status.change", absent);
        send(missing);
        DeadLetterStore deadLetters = service.bean("deadLetters", DeadLetterStore.class);
        Eventually.await("dead letter", Duration.ofSeconds(30), () -> deadLetter(deadLetters,
                missing.get("msg_id").asText()) != null);
        DeadLetter dead = deadLetter(deadLetters, missing.get("msg_id").asText());
        assertThat(dead.handler()).isEqualTo("composes");
        assertThat(dead.permanent()).isTrue();
        assertThat(dead.reason()).contains("SourceException").contains("404")
                .contains("Fedora-24-20151208.n.8/compose/metadata/composeinfo.json");

        // A pre-Pungi-4 compose message: recognised, counted as unhandled, not dead-lettered.
        double unhandled = counter("pdcupdater.messages.unhandled");
        JsonNode legacy = Fixtures.json("fedmsg/compose.rawhide.complete--2017-857e93ea.json");
        ObjectNode old = publisher.next(PREFIX + "compose.rawhide.complete", legacy.get("msg"));
        send(old);
        Eventually.await("legacy message counted", Duration.ofSeconds(30),
                () -> counter("pdcupdater.messages.unhandled") > unhandled);
        assertThat(deadLetter(deadLetters, old.get("msg_id").asText())).isNull();
        ManagedRouteMBean legacyRoute = service.context().getCamelContextExtension()
                .getContextPlugin(ManagedCamelContext.class).getManagedRoute("composes-legacy");
        assertThat(legacyRoute.getExchangesCompleted()).isEqualTo(1);
    }

    private static DeadLetter deadLetter(DeadLetterStore store, String msgId) {
        List<DeadLetter> all = store.list(Instant.EPOCH, 100);
        return all.stream().filter(d -> d.msgId().equals(msgId)).findFirst().orElse(null);
    }

    private double counter(String name) {
        Counter c = service.bean("metricsRegistry", MeterRegistry.class).find(name).counter();
        return c == null ? 0 : c.count();
    }

    private void send(ObjectNode envelope) {
        try {
            bus.send(envelope.get("topic").asText(), JSON.writeValueAsBytes(envelope));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
