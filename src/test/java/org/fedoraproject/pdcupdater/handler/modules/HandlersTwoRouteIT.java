package org.fedoraproject.pdcupdater.handler.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.reconcile.DeadLetter;
import org.fedoraproject.pdcupdater.reconcile.DeadLetterStore;
import org.fedoraproject.pdcupdater.testsupport.Eventually;
import org.fedoraproject.pdcupdater.testsupport.Fixtures;
import org.fedoraproject.pdcupdater.testsupport.SignedMessages;
import org.fedoraproject.pdcupdater.testsupport.TestBus;
import org.fedoraproject.pdcupdater.testsupport.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Handlers II routes in the real service: signed messages on a real ZeroMQ bus, ingress,
 * dispatch, the handler routes and their dead-letter handling, the embedded PDC sandbox and
 * dist-git stand-in; MBS is this test's stand-in (bundled data plus a build with broken modulemd).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandlersTwoRouteIT {

    private static final String PREFIX = "org.fedoraproject.prod.";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private TestBus bus;
    private SignedMessages publisher;
    private SignedMessages probes;
    private ModuleTestSystems systems;
    private TestService service;
    private PdcClient pdc;

    @BeforeAll
    void start() {
        bus = TestBus.onFreePort();
        publisher = SignedMessages.publisher(dir.resolve("pki"), "handlers-test");
        probes = SignedMessages.publisher(dir.resolve("pki"), "probe");
        systems = new ModuleTestSystems();
        Map<String, String> s = new HashMap<>();
        s.put("db.url", "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
        s.put("fedmsg.endpoints", bus.endpoint());
        s.put("fedmsg.local-pki-dir", dir.resolve("pki").toString());
        s.put("fedmsg.ca-cert", dir.resolve("pki/ca.crt").toString());
        s.put("fedmsg.crl", dir.resolve("pki/crl.pem").toString());
        s.put("fedmsg.routing-policy", "");
        s.put("mbs.url", systems.mbsServer.uri("/mbs/").resolve("module-build-service/1/").toString());
        s.put("koji.url", systems.kojiServer.uri().toString());
        s.put("handlers.redeliveries", "0");
        service = TestService.start(s);
        pdc = service.bean("pdcClient", PdcClient.class);
        waitUntilSubscribed();
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        bus.close();
        systems.close();
    }

    /** PUB/SUB drops what is sent before the subscription arrives: probe until a probe gets through. */
    private void waitUntilSubscribed() {
        double before = counter("pdcupdater.messages.unhandled");
        Eventually.await("subscription", () -> {
            send(probes.next(PREFIX + "test.probe", JSON.createObjectNode()));
            sleep(50);
            return counter("pdcupdater.messages.unhandled") > before;
        });
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

    /** Members of the fedora-27-updates atomic-docker-host group; empty while it has none or does not exist. */
    private Set<String> members() {
        Set<String> members = new TreeSet<>();
        pdc.list("component-groups/", Map.of("group_type", "atomic-docker-host", "release", "fedora-27-updates"))
                .forEach(g -> g.path("components").forEach(c -> members.add(c.path("name").asText())));
        return members;
    }

    private List<JsonNode> modules(String name) {
        return pdc.list("modules/", Map.of("name", name));
    }

    @Test
    void moduleMessagesFromTheBusReachPdc() {
        send(publisher.next(PREFIX + "mbs.module.state.change", ModulesHandlerTest.waitMsg()));
        Eventually.await("module created", () -> !modules("testmodule").isEmpty());
        send(publisher.next(PREFIX + "mbs.module.state.change", ModulesHandlerTest.readyMsg()));
        Eventually.await("module ready", () -> modules("testmodule").get(0).path("active").asBoolean());

        JsonNode module = modules("testmodule").get(0);
        assertThat(module.path("uid").asText()).isEqualTo(ModulesHandlerTest.UID);
        assertThat(module.path("koji_tag").asText()).isEqualTo(ModuleTestSystems.MODULE_TAG);
        assertThat(module.path("rpms")).hasSize(4);
    }

    @Test
    void aMalformedModulemdBecomesADeadLetterAndPdcStaysUnchanged() {
        ObjectNode broken = ModulesHandlerTest.waitMsg().put("id", ModuleTestSystems.BROKEN_ID)
                .put("name", "brokenmodule").put("context", "deadbeef");
        ObjectNode envelope = publisher.next(PREFIX + "mbs.module.state.change", broken);
        String msgId = envelope.get("msg_id").asText();
        send(envelope);

        DeadLetterStore deadLetters = service.bean("deadLetters", DeadLetterStore.class);
        Eventually.await("dead letter", () -> deadLetters.list(Instant.EPOCH, 50).stream()
                .anyMatch(d -> d.msgId().equals(msgId)));
        DeadLetter letter = deadLetters.list(Instant.EPOCH, 50).stream().filter(d -> d.msgId().equals(msgId))
                .findFirst().orElseThrow();
        assertThat(letter.handler()).isEqualTo("modules");
        assertThat(letter.permanent()).isTrue();
        assertThat(letter.reason()).contains("InvalidMessageException", "malformed modulemd", "not valid YAML");
        assertThat(modules("brokenmodule")).isEmpty();
    }

    @Test
    void aPushToTheGroupsRepositoryUpdatesTheGroup() {
        ObjectNode push = (ObjectNode) Fixtures.json("fedmsg/git.receive--TestSCM.json").get("msg").deepCopy();
        ((ObjectNode) push.get("commit")).put("repo", "fedora-atomic").put("branch", "f27");
        send(publisher.next(PREFIX + "git.receive", push));

        Eventually.await("group filled", () -> !members().isEmpty());
        assertThat(members()).containsExactlyInAnyOrder("ostree", "rpm-ostree", "docker", "cloud-init", "tar",
                "rsync", "git", "strace", "lsof");
    }
}
