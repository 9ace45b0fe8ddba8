package org.fedoraproject.pdcupdater.handler.rpms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
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
 * The rpms handler wired into the real service: signed buildsys.tag/untag messages on a real bus, through
 * verification, de-duplication and dispatch, into the embedded PDC sandbox with the Koji stand-in behind it.
 */
class RpmsIT {

    private static final String PREFIX = "org.fedoraproject.prod.";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TestBus bus;
    private SignedMessages koji;
    private SignedMessages probe;
    private TestService service;
    private PdcClient pdc;

    @BeforeEach
    void setUp() {
        bus = TestBus.onFreePort();
        koji = SignedMessages.publisher(dir.resolve("pki"), "koji-test");
        probe = SignedMessages.publisher(dir.resolve("pki"), "probe");
        Map<String, String> s = new HashMap<>();
        s.put("db.url", "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
        s.put("fedmsg.endpoints", bus.endpoint());
        s.put("fedmsg.local-pki-dir", dir.resolve("pki").toString());
        s.put("fedmsg.ca-cert", dir.resolve("pki/ca.crt").toString());
        s.put("fedmsg.crl", dir.resolve("pki/crl.pem").toString());
        s.put("fedmsg.routing-policy", "");
        s.put("handlers.redelivery-delay", "10");
        service = TestService.start(s);
        pdc = service.bean("pdcClient", PdcClient.class);
        waitUntilSubscribed();
    }

    @AfterEach
    void tearDown() {
        if (service != null) {
            service.close();
        }
        bus.close();
    }

    @Test
    void tagAndUntagMessagesReachPdcAndAnUnknownReleaseIsADeadLetter() {
        ObjectNode tag = publish("buildsys.tag", fixtureMsg("buildsys.tag--2017-2bc4917c.json"));
        Eventually.await("22 rpms linked to fedora-28", () -> linkedTo("fedora-28") == 22);

        ObjectNode ignored = publish("buildsys.tag", fixtureMsg("buildsys.tag--2017-b8555ab6.json"));
        ObjectNode unknown = fixtureMsg("buildsys.tag--2017-2bc4917c.json");
        ((ObjectNode) unknown.get("msg")).put("tag", "f99");
        ObjectNode deadLetter = publish("buildsys.tag", unknown);
        ObjectNode untagMsg = fixtureMsg("buildsys.untag--2017-0bd18918.json");
        ((ObjectNode) untagMsg.get("msg")).put("tag", "f28");
        ObjectNode untag = publish("buildsys.untag", untagMsg);

        Eventually.await("untag handled", () -> processed(untag) && linkedTo("fedora-28") == 0);
        assertThat(processed(tag)).isTrue();
        assertThat(processed(ignored)).isTrue();
        assertThat(pdc.count("rpms", Map.of())).isEqualTo(22);
        assertThat(counter("pdcupdater.rpms.ignored", "reason", "tag-without-release")).isEqualTo(1);
        assertThat(deadLetterReason(deadLetter)).startsWith("unknown release").contains("fedora-99");
        assertThat(deadLetterReason(tag)).isNull();
    }

    private ObjectNode fixtureMsg(String file) {
        JsonNode fixture = Fixtures.json("fedmsg/" + file);
        ObjectNode envelope = JSON.createObjectNode();
        envelope.set("msg", fixture.get("msg").deepCopy());
        return envelope;
    }

    private ObjectNode publish(String topic, ObjectNode holder) {
        ObjectNode envelope = koji.next(PREFIX + topic, holder.get("msg"));
        send(envelope);
        return envelope;
    }

    private void send(ObjectNode envelope) {
        try {
            bus.send(envelope.get("topic").asText(), JSON.writeValueAsBytes(envelope));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int linkedTo(String release) {
        return pdc.count("rpms", Map.of("linked_release", release, "page_size", ExistingRpms.uncachedPageSize()));
    }

    /** PUB/SUB drops what is sent before the subscription arrives: probe until a probe gets through. */
    private void waitUntilSubscribed() {
        Eventually.await("subscription", () -> {
            send(probe.next(PREFIX + "test.probe", JSON.createObjectNode()));
            sleep(100);
            return counter("pdcupdater.messages.unhandled") > 0;
        });
    }

    private double counter(String name, String... tags) {
        Counter counter = service.bean("metricsRegistry", MeterRegistry.class).find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private boolean processed(ObjectNode envelope) {
        return query("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE messageId = ?",
                envelope.get("msg_id").asText()) != null;
    }

    private String deadLetterReason(ObjectNode envelope) {
        return query("SELECT reason FROM dead_letter WHERE msg_id = ?", envelope.get("msg_id").asText());
    }

    /** The first column of the first row, or null; for COUNT(*) null when the count is 0. */
    private String query(String sql, String arg) {
        try (Connection c = service.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String value = rs.getString(1);
                return "0".equals(value) ? null : value;
            }
        } catch (SQLException e) {
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
