package org.fedoraproject.pdcupdater.handler.components;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcSettings;
import org.fedoraproject.pdcupdater.reconcile.DeadLetter;
import org.fedoraproject.pdcupdater.reconcile.DeadLetterStore;
import org.fedoraproject.pdcupdater.testsupport.Eventually;
import org.fedoraproject.pdcupdater.testsupport.Fixtures;
import org.fedoraproject.pdcupdater.testsupport.SignedMessages;
import org.fedoraproject.pdcupdater.testsupport.TestBus;
import org.fedoraproject.pdcupdater.testsupport.TestService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real service end to end: signed fixture messages on a ZeroMQ bus go through ingress and dispatch to the
 * people and components routes and end up in the embedded PDC sandbox (read back over HTTP); a message for a
 * release PDC lacks ends as a permanent dead letter saying so.
 */
class PeopleAndComponentsIT {

    private static final String PREFIX = "org.fedoraproject.prod.";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TestBus bus;
    private SignedMessages publisher;
    private SignedMessages probe;
    private TestService service;
    private PdcClient reader;

    @BeforeEach
    void setUp() {
        bus = TestBus.onFreePort();
        publisher = SignedMessages.publisher(dir.resolve("pki"), "pkgdb-test");
        probe = SignedMessages.publisher(dir.resolve("pki"), "probe");
        Map<String, String> s = new HashMap<>();
        s.put("db.url", "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
        s.put("fedmsg.endpoints", bus.endpoint());
        s.put("fedmsg.local-pki-dir", dir.resolve("pki").toString());
        s.put("fedmsg.ca-cert", dir.resolve("pki/ca.crt").toString());
        s.put("fedmsg.crl", dir.resolve("pki/crl.pem").toString());
        s.put("fedmsg.routing-policy", "");
        service = TestService.start(s);
        // Reads go over HTTP to the sandbox the service started, anonymously, like any PDC reader.
        reader = new PdcClient(PdcSettings.of(service.bean("pdcClient", PdcClient.class).settings().apiRoot()));
        waitUntilSubscribed();
    }

    @AfterEach
    void tearDown() {
        if (reader != null) {
            reader.close();
        }
        if (service != null) {
            service.close();
        }
        bus.close();
    }

    @Test
    void fixtureMessagesOnTheBusEndUpInPdcAndAnUnknownReleaseEndsAsADeadLetter() {
        send("pkgdb.package.branch.new", Fixtures.json("fedmsg/"
                + "pkgdb.package.branch.new--2014-645038a7-TestPkgdbPackageBranchNew.json").get("msg"));
        send("pkgdb.package.new", Fixtures.json("fedmsg/pkgdb.package.new--TestPkgdbPackageNew.json").get("msg"));
        send("fas.user.create", Fixtures.json("fedmsg/fas.user.create--TestFASUserCreate.json").get("msg"));
        ObjectNode eol = Fixtures.json("fedmsg/pkgdb.package.branch.new--2014-645038a7-TestPkgdbPackageBranchNew.json")
                .get("msg").deepCopy();
        ((ObjectNode) eol.path("package_listing").path("collection")).put("branchname", "f10");
        ObjectNode unknown = send("pkgdb.package.branch.new", eol);

        Eventually.await("R-BSgenome in epel-7, php-zmq in rawhide, ralph", () ->
                reader.findOneFresh("release-components", Map.of("release", "epel-7", "name", "R-BSgenome"))
                        .isPresent()
                        && reader.findOneFresh("release-components", Map.of("release", "fedora-rawhide",
                        "name", "php-zmq")).isPresent()
                        && reader.findOneFresh("contacts/people", Map.of("username", "ralph")).isPresent());
        JsonNode component = reader.findOneFresh("release-components", Map.of("release", "epel-7",
                "name", "R-BSgenome")).orElseThrow();
        assertThat(component.path("dist_git_branch").asText()).isEqualTo("epel7");
        assertThat(component.path("srpm").path("name").asText()).isEqualTo("R-BSgenome");
        assertThat(component.path("bugzilla_component").path("name").asText()).isEqualTo("R-BSgenome");
        assertThat(reader.findOneFresh("global-components", Map.of("name", "R-BSgenome"))).isPresent();
        assertThat(reader.findOneFresh("contacts/people", Map.of("username", "ralph")).orElseThrow()
                .path("email").asText()).isEqualTo("ralph@fedoraproject.org");

        DeadLetterStore deadLetters = service.bean("deadLetters", DeadLetterStore.class);
        String unknownId = unknown.get("msg_id").asText();
        Eventually.await("dead letter for the f10 message", () -> deadLetters.list(Instant.EPOCH, 10).stream()
                .anyMatch(d -> d.msgId().equals(unknownId)));
        List<DeadLetter> letters = deadLetters.list(Instant.EPOCH, 10);
        assertThat(letters).singleElement().satisfies(d -> {
            assertThat(d.handler()).isEqualTo("components");
            assertThat(d.reason()).contains("unknown release").contains("fedora-10");
            assertThat(d.permanent()).isTrue();
        });
        assertThat(reader.findOneFresh("release-components", Map.of("name", "R-BSgenome", "release", "fedora-10")))
                .isEmpty();
        // Dead-lettered is handled: the ingress remembers its msg_id, so a duplicate does not run it again.
        Eventually.await("dead-lettered msg_id remembered", () -> processed(unknownId) == 1);
    }

    private long processed(String msgId) {
        try (Connection c = service.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE messageId = ?")) {
            ps.setString(1, msgId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode send(String kind, JsonNode msg) {
        ObjectNode envelope = publisher.next(PREFIX + kind, msg);
        try {
            bus.send(envelope.get("topic").asText(), JSON.writeValueAsBytes(envelope));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return envelope;
    }

    /** PUB/SUB drops what is sent before the subscription arrives: probe until a probe gets through. */
    private void waitUntilSubscribed() {
        Eventually.await("subscription", () -> {
            double before = unhandled();
            try {
                bus.send(PREFIX + "test.probe", JSON.writeValueAsBytes(
                        probe.next(PREFIX + "test.probe", JSON.createObjectNode())));
                Thread.sleep(50);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return unhandled() > before;
        });
    }

    private double unhandled() {
        MeterRegistry registry = service.bean("metricsRegistry", MeterRegistry.class);
        Counter counter = registry.find("pdcupdater.messages.unhandled").counter();
        return counter == null ? 0 : counter.count();
    }
}
