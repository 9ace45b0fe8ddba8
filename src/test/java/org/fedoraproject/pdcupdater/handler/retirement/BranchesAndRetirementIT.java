package org.fedoraproject.pdcupdater.handler.retirement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real service (ingress, dispatch, the branches and retirement routes, the embedded PDC sandbox and dist-git and
 * pkgdb stand-ins) fed signed messages over a real ZeroMQ socket: dist-git pushes become branches, a push adding
 * {@code dead.package} and pkgdb's retire message become retirements.
 */
class BranchesAndRetirementIT {

    private static final String PREFIX = "org.fedoraproject.prod.";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TestBus bus;
    private TestService service;

    @AfterEach
    void tearDown() {
        if (service != null) {
            service.close();
        }
        if (bus != null) {
            bus.close();
        }
    }

    @Test
    void distGitPushesAndRetirementsReachPdc() {
        bus = TestBus.onFreePort();
        SignedMessages publisher = SignedMessages.publisher(dir.resolve("pki"), "scm-test");
        SignedMessages probe = SignedMessages.publisher(dir.resolve("pki"), "probe");
        service = TestService.start(settings());
        waitUntilSubscribed(probe);
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        send(publisher.next(PREFIX + "git.receive", msg("git.receive--TestSCMWithNamespace.json")));
        // the 2012 per-repository topic form
        send(publisher.next(PREFIX + "git.receive.datanommer.master",
                msg("git.receive--TestGitReceiveLegacyModified.json")));
        // iwhd is retired on master in the stand-in dist-git; no archived message shows the push, so build it
        ObjectNode retire = msg("git.receive--TestSCMWithNamespace.json");
        ObjectNode commit = (ObjectNode) retire.path("commit");
        commit.put("repo", "iwhd");
        ((ObjectNode) commit.path("stats")).putObject("files").putObject("dead.package")
                .put("deletions", 0).put("lines", 1).put("insertions", 1);
        send(publisher.next(PREFIX + "git.receive", retire));
        send(publisher.next(PREFIX + "pkgdb.package.retire", msg("pkgdb.package.retire--TestLegacyPkgdbPackageRetire.json")));

        List<String> expected = List.of(
                "rpm/datanommer#master rawhide:2222-01-01",
                "rpm/iwhd#master rawhide:" + today,
                // EPEL 6 ended 2020-11-30, before today: retiring keeps the earlier date
                "rpm/php-zmq#EL-6 bug_fixes:2020-11-30",
                "rpm/php-zmq#EL-6 security_fixes:2020-11-30",
                "rpm/php-zmq#EL-6 stable_api:2020-11-30",
                "rpm/valgrind#master rawhide:2222-01-01");
        Eventually.await("branches and retirements in PDC", () -> state().equals(expected));
        assertThat(state()).isEqualTo(expected);
        assertThat(counter("pdcupdater.dead.letters")).isZero();
    }

    private Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        s.put("db.url", "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
        s.put("fedmsg.endpoints", bus.endpoint());
        s.put("fedmsg.local-pki-dir", dir.resolve("pki").toString());
        s.put("fedmsg.ca-cert", dir.resolve("pki/ca.crt").toString());
        s.put("fedmsg.crl", dir.resolve("pki/crl.pem").toString());
        s.put("fedmsg.routing-policy", "");
        return s;
    }

    private static ObjectNode msg(String fixture) {
        return (ObjectNode) Fixtures.json("fedmsg/" + fixture).get("msg").deepCopy();
    }

    private List<String> state() {
        PdcClient pdc = service.bean("pdcClient", PdcClient.class);
        List<String> lines = new ArrayList<>();
        long unique = 101 + ThreadLocalRandom.current().nextLong(1_000_000_000L);
        for (JsonNode link : pdc.list("component-branch-slas", Map.of("page_size", unique))) {
            JsonNode b = link.path("branch");
            lines.add(b.path("type").asText() + "/" + b.path("global_component").asText() + "#"
                    + b.path("name").asText() + " " + link.path("sla").asText() + ":" + link.path("eol").asText());
        }
        return lines.stream().sorted().toList();
    }

    /** PUB/SUB drops what is sent before the subscription arrives: probe until a probe gets through. */
    private void waitUntilSubscribed(SignedMessages probe) {
        double before = counter("pdcupdater.messages.unhandled");
        Eventually.await("subscription on " + bus.endpoint(), () -> {
            send(probe.next(PREFIX + "test.probe", JSON.createObjectNode()));
            sleep(50);
            return counter("pdcupdater.messages.unhandled") > before;
        });
    }

    private void send(ObjectNode envelope) {
        try {
            bus.send(envelope.get("topic").asText(), JSON.writeValueAsBytes(envelope));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private double counter(String name) {
        MeterRegistry registry = service.bean("metricsRegistry", MeterRegistry.class);
        Counter counter = registry.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
