package org.fedoraproject.pdcupdater.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.fedoraproject.pdcupdater.testsupport.Eventually;
import org.fedoraproject.pdcupdater.testsupport.FakeDatagrepper;
import org.fedoraproject.pdcupdater.testsupport.Fixtures;
import org.fedoraproject.pdcupdater.testsupport.SignedMessages;
import org.fedoraproject.pdcupdater.testsupport.TestBus;
import org.fedoraproject.pdcupdater.testsupport.TestService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole ingress of the real service over real sockets: a JeroMQ PUB per publisher, the
 * service's SUB, a file H2 database, and a local datagrepper over HTTP.
 */
public class IngressIT {

    private static final String PREFIX = "org.fedoraproject.prod.";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TestBus bus1;
    private TestBus bus2;
    private FakeDatagrepper datagrepper;
    private SignedMessages publisher;
    private final Map<TestBus, SignedMessages> probes = new HashMap<>();
    private TestService service;

    @BeforeEach
    void setUp() {
        bus1 = TestBus.onFreePort();
        bus2 = TestBus.onFreePort();
        datagrepper = FakeDatagrepper.empty();
        publisher = SignedMessages.publisher(dir.resolve("pki"), "koji-test");
        // Probes have sequence numbers of their own, so they never look like a gap in the test's messages.
        probes.put(bus1, SignedMessages.publisher(dir.resolve("pki"), "probe-1"));
        probes.put(bus2, SignedMessages.publisher(dir.resolve("pki"), "probe-2"));
    }

    @AfterEach
    void tearDown() {
        if (service != null) {
            service.close();
        }
        bus1.close();
        bus2.close();
        datagrepper.close();
    }

    /** The database the service uses; db.PostgresIngressIT runs the same tests on PostgreSQL. */
    protected Map<String, String> databaseSettings(Path dir) {
        return Map.of("db.url", "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
    }

    private Map<String, String> database;

    private Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        if (database == null) {
            database = databaseSettings(dir);
        }
        s.putAll(database);
        s.put("fedmsg.endpoints", bus1.endpoint() + "," + bus2.endpoint());
        s.put("fedmsg.local-pki-dir", dir.resolve("pki").toString());
        s.put("fedmsg.ca-cert", dir.resolve("pki/ca.crt").toString());
        s.put("fedmsg.crl", dir.resolve("pki/crl.pem").toString());
        s.put("fedmsg.routing-policy", "");
        s.put("fedmsg.datagrepper-url", datagrepper.uri().toString());
        s.put("fedmsg.gap-replay-delay", "0");
        s.put("fedmsg.gap-check-period", "200");
        s.put("fedmsg.checkpoint-period", "200");
        return s;
    }

    private void startService() {
        service = TestService.start(settings());
        waitUntilSubscribed(bus1);
        waitUntilSubscribed(bus2);
    }

    /** PUB/SUB drops what is sent before the subscription arrives: probe until a probe gets through. */
    private void waitUntilSubscribed(TestBus bus) {
        double before = counter("pdcupdater.messages.unhandled");
        Eventually.await("subscription on " + bus.endpoint(), () -> {
            send(bus, probes.get(bus).next(PREFIX + "test.probe", JSON.createObjectNode()));
            sleep(50);
            return counter("pdcupdater.messages.unhandled") > before;
        });
        double settled = -1;
        while (settled != counter("pdcupdater.messages.unhandled")) {
            settled = counter("pdcupdater.messages.unhandled");
            sleep(200);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(TestBus bus, ObjectNode envelope) {
        try {
            bus.send(envelope.get("topic").asText(), JSON.writeValueAsBytes(envelope));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private double counter(String name, String... tags) {
        MeterRegistry registry = service.bean("metricsRegistry", MeterRegistry.class);
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private long processed(String msgId) {
        return count("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE messageId = '" + msgId + "'");
    }

    private long count(String sql) {
        try (Connection c = service.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode fixtureMessage(String topic) {
        JsonNode fixture = Fixtures.json("fedmsg/buildsys.tag--2017-2bc4917c.json");
        return publisher.next(PREFIX + topic, fixture.get("msg"));
    }

    @Test
    void signedMessagesFromTwoPublishersAreVerifiedAndDispatchedOnce() {
        startService();
        ObjectNode a = fixtureMessage("buildsys.tag");
        ObjectNode b = fixtureMessage("pkgdb.package.new");
        send(bus1, a);
        send(bus2, b);

        Eventually.await("both handled", () -> processed(a.get("msg_id").asText()) == 1
                && processed(b.get("msg_id").asText()) == 1);
        assertThat(counter("pdcupdater.messages.received", "topic", PREFIX + "buildsys.tag")).isEqualTo(1);
        assertThat(counter("pdcupdater.messages.rejected")).isZero();
        // Camel's route metrics: on, except for the routes every live message passes (observe.unmetered-routes).
        MeterRegistry registry = service.bean("metricsRegistry", MeterRegistry.class);
        assertThat(registry.find("camel.exchanges.total").tag("routeId", "rpms").counter()).isNotNull();
        for (String unmetered : new String[] {"fedmsg-bus", "fedmsg-verify", "fedmsg-accept", "dispatch"}) {
            assertThat(registry.find("camel.exchanges.total").tag("routeId", unmetered).counter()).as(unmetered).isNull();
        }
    }

    @Test
    void aMessageDeliveredTwiceIsHandledOnceEvenAcrossARestart() {
        startService();
        ObjectNode message = fixtureMessage("buildsys.tag");
        send(bus1, message);
        send(bus1, message);
        Eventually.await("duplicate counted", () -> counter("pdcupdater.messages.duplicate") == 1);
        // The mark is in memory at once and in the table a moment later (group commit).
        Eventually.await("marked handled", () -> processed(message.get("msg_id").asText()) == 1);

        service.close();
        startService();
        send(bus2, message);
        Eventually.await("duplicate counted after restart", () -> counter("pdcupdater.messages.duplicate") == 1);
        assertThat(processed(message.get("msg_id").asText())).isEqualTo(1);
    }

    @Test
    void badInputIsRejectedWithAReasonAndTheRouteKeepsRunning() {
        startService();
        ObjectNode tampered = fixtureMessage("buildsys.tag");
        ((ObjectNode) tampered.get("msg")).put("tag", "f99");
        ObjectNode noId = fixtureMessage("buildsys.tag");
        noId.remove("msg_id");
        ObjectNode wrongType = publisher.sign(fixtureMessage("buildsys.tag").put("i", "seven"));

        bus1.sendFrames((PREFIX + "only.one.frame").getBytes(StandardCharsets.UTF_8));
        bus1.send(PREFIX + "a", "{\"topic\": \"org.fedoraproject.prod.a\", \"msg\": {".getBytes(StandardCharsets.UTF_8));
        bus1.send(PREFIX + "a", "not json at all".getBytes(StandardCharsets.UTF_8));
        bus1.send(PREFIX + "a", "[1, 2, 3]".getBytes(StandardCharsets.UTF_8));
        bus1.send(PREFIX + "a", new byte[50 * 1024 * 1024]);
        send(bus1, tampered);
        send(bus1, noId);
        send(bus1, wrongType);
        bus1.sendFrames(PREFIX.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        ObjectNode good = fixtureMessage("buildsys.tag");
        send(bus1, good);

        Eventually.await("good message after the bad ones", () -> processed(good.get("msg_id").asText()) == 1);
        Eventually.await("all nine rejected", () -> count("SELECT COUNT(*) FROM rejected_message") == 9);
        assertThat(counter("pdcupdater.messages.rejected", "reason", "bad-signature")).isEqualTo(1);
        assertThat(counter("pdcupdater.messages.rejected", "reason", "too-large")).isEqualTo(1);
        assertThat(counter("pdcupdater.messages.rejected", "reason", "missing-msg_id")).isEqualTo(1);
        assertThat(counter("pdcupdater.messages.rejected", "reason", "not-object")).isEqualTo(1);
        assertThat(counter("pdcupdater.messages.rejected", "reason", "wrong-type")).isEqualTo(1);
        assertThat(service.bean("rejectedMessages", RejectedMessageStore.class).list(20))
                .allSatisfy(r -> assertThat(r.detail()).isNotBlank());
    }

    @Test
    void messagesLostOnTheWayAreFetchedFromDatagrepperAndHandledOnce() {
        startService();
        ObjectNode first = fixtureMessage("buildsys.tag");
        ObjectNode lost1 = fixtureMessage("buildsys.tag");
        ObjectNode lost2 = fixtureMessage("buildsys.tag");
        ObjectNode after = fixtureMessage("buildsys.tag");
        datagrepper.add(asDatagrepperServesIt(lost1));
        datagrepper.add(asDatagrepperServesIt(lost2));
        datagrepper.add(asDatagrepperServesIt(after));

        send(bus1, first);
        send(bus1, after);

        Eventually.await("lost messages replayed", () -> processed(lost1.get("msg_id").asText()) == 1
                && processed(lost2.get("msg_id").asText()) == 1);
        assertThat(counter("pdcupdater.messages.missed")).isEqualTo(2);
        assertThat(processed(after.get("msg_id").asText())).isEqualTo(1);
    }

    @Test
    void afterARestartTheBacklogSinceTheLastHandledMessageIsReplayed() {
        startService();
        ObjectNode before = fixtureMessage("buildsys.tag");
        send(bus1, before);
        Eventually.await("handled", () -> processed(before.get("msg_id").asText()) == 1);
        Eventually.await("checkpoint stored", () -> count("SELECT COUNT(*) FROM ingress_checkpoint") == 1);
        service.close();

        ObjectNode whileDown = fixtureMessage("buildsys.tag");
        datagrepper.add(asDatagrepperServesIt(before));
        datagrepper.add(asDatagrepperServesIt(whileDown));
        startService();

        Eventually.await("backlog replayed", () -> processed(whileDown.get("msg_id").asText()) == 1);
        assertThat(processed(before.get("msg_id").asText())).isEqualTo(1);
    }

    /** Datagrepper adds keys and renders an integer timestamp as a float, as in the sample page. */
    private static ObjectNode asDatagrepperServesIt(ObjectNode envelope) {
        ObjectNode served = envelope.deepCopy();
        served.putObject("headers");
        served.putNull("source_name");
        served.putNull("source_version");
        served.put("timestamp", envelope.get("timestamp").asDouble());
        return served;
    }
}
