package org.fedoraproject.pdcupdater.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.fedoraproject.pdcupdater.fedmsg.EnvelopeParser;
import org.fedoraproject.pdcupdater.handler.ReleaseMapping;
import org.fedoraproject.pdcupdater.handler.rpms.RpmsHandler;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcSettings;
import org.fedoraproject.pdcupdater.sandbox.PdcSandbox;
import org.fedoraproject.pdcupdater.sandbox.SandboxSettings;
import org.fedoraproject.pdcupdater.source.koji.KojiBuildContents;
import org.fedoraproject.pdcupdater.source.koji.KojiClient;
import org.fedoraproject.pdcupdater.testsupport.Eventually;
import org.fedoraproject.pdcupdater.testsupport.FakeDatagrepper;
import org.fedoraproject.pdcupdater.testsupport.SignedMessages;
import org.fedoraproject.pdcupdater.testsupport.TestBus;
import org.fedoraproject.pdcupdater.testsupport.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost, nothing twice: the service (the shaded jar in a child JVM) is killed with SIGKILL
 * in the middle of a burst and started again. The messages it had received but not finished, and
 * those sent while it was down, come back from datagrepper (which, like Fedora's, holds every
 * published message); the msg_id de-duplication and the idempotent handler keep the rest from
 * being applied twice. PDC ends up exactly as after a clean run of the same messages.
 */
class ServiceKillIT {

    private static final String PREFIX = "org.fedoraproject.prod.";
    private static final int BURST = 1000;

    @TempDir
    Path dir;

    @Test
    void killedMidBurstAndRestartedThePdcStateEqualsACleanRun() throws Exception {
        try (BurstRig rig = new BurstRig(dir, BURST); TestBus bus = TestBus.onFreePort();
             FakeDatagrepper datagrepper = FakeDatagrepper.empty()) {
            SignedMessages koji = SignedMessages.publisher(dir.resolve("pki"), "koji-test");
            SignedMessages probe = SignedMessages.publisher(dir.resolve("pki"), "probe");
            int managementPort = TestService.freePort();
            Map<String, String> s = new HashMap<>(rig.serviceSettings());
            s.put("db.url", "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
            s.put("fedmsg.endpoints", bus.endpoint());
            s.put("fedmsg.local-pki-dir", dir.resolve("pki").toString());
            s.put("fedmsg.ca-cert", dir.resolve("pki/ca.crt").toString());
            s.put("fedmsg.crl", dir.resolve("pki/crl.pem").toString());
            s.put("fedmsg.routing-policy", "");
            s.put("fedmsg.datagrepper-url", datagrepper.uri().toString());
            s.put("fedmsg.checkpoint-period", "200");
            s.put("console.port", String.valueOf(managementPort));
            s.put("camel.main.routes-reload-enabled", "false");
            s.put("sandbox.port", "0");
            s.put("sandbox.standins-port", "0");
            s.put("sandbox.db-url", "jdbc:h2:mem:sandbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            s.put("embedded.replay-fixtures", "false");
            // No scheduled audit (daily by default) may run into the burst.
            s.put("reconcile.audit.cron", "off");
            List<ObjectNode> messages = new java.util.ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                messages.add(koji.next(PREFIX + "buildsys.tag", rig.tagMsg(i, "f28")));
            }

            Process first = ServiceProcess.start(dir.resolve("service-1.log"), s);
            try {
                awaitSubscribed(bus, probe, datagrepper, managementPort);
                int sent = 0;
                while (sent < BURST / 2) {
                    publish(bus, datagrepper, messages.get(sent++));
                }
                Eventually.await("the burst under way", Duration.ofMinutes(3), () -> rig.burstRows() >= BURST / 10);
                first.destroyForcibly().waitFor();
                while (sent < BURST) {
                    publish(bus, datagrepper, messages.get(sent++));
                }
            } finally {
                first.destroyForcibly();
            }
            int rowsAtKill = rig.burstRows();
            Process second = ServiceProcess.start(dir.resolve("service-2.log"), s);
            try {
                Eventually.await("every rpm of the burst in PDC after the restart", Duration.ofMinutes(8),
                        () -> rig.burstRows() == BURST);
                Thread.sleep(2000); // anything applied twice would show up now
                assertThat(rowsAtKill).as("killed in the middle of the burst").isLessThan(BURST / 2);
                assertThat(rig.rpmState()).isEqualTo(cleanRun(rig, messages));
            } finally {
                second.destroy();
                second.waitFor();
            }
        }
    }

    /** The same messages through the rpms handler into a fresh sandbox, one after the other, no faults. */
    private TreeSet<String> cleanRun(BurstRig rig, List<ObjectNode> messages) throws Exception {
        try (PdcSandbox clean = PdcSandbox.start(SandboxSettings.inMemory("clean-" + UUID.randomUUID())
                .withReleasesFile(BurstRig.RELEASES));
             PdcClient pdc = new PdcClient(PdcSettings.builder(clean.apiRoot()).token("t").build())) {
            KojiClient koji = new KojiClient(rig.koji.uri());
            RpmsHandler handler = new RpmsHandler(pdc, koji, new KojiBuildContents(koji, 100_000, Duration.ofMinutes(10)),
                    ReleaseMapping.load(Path.of("config/release-mapping.properties")), List.of("f28"), 500,
                    new SimpleMeterRegistry());
            EnvelopeParser parser = new EnvelopeParser();
            for (ObjectNode m : messages) {
                handler.handle(parser.parse(BurstRig.JSON.writeValueAsBytes(m)));
            }
            PdcClient original = rig.pdc;
            TreeSet<String> state = new TreeSet<>();
            for (var row : pdc.list("rpms", Map.of())) {
                state.add(row.path("name").asText() + "-" + row.path("epoch").asInt() + ":" + row.path("version").asText()
                        + "-" + row.path("release").asText() + "." + row.path("arch").asText() + " "
                        + row.path("linked_releases"));
            }
            assertThat(original).isNotNull();
            return state;
        }
    }

    private static void publish(TestBus bus, FakeDatagrepper datagrepper, ObjectNode m) throws Exception {
        datagrepper.add(m);
        bus.send(m.get("topic").asText(), BurstRig.JSON.writeValueAsBytes(m));
    }

    /** Probes (kept out of datagrepper) until the child's metrics show one arrived. */
    private static void awaitSubscribed(TestBus bus, SignedMessages probe, FakeDatagrepper datagrepper, int port) {
        HttpClient http = HttpClient.newHttpClient();
        Eventually.await("the child service subscribed", Duration.ofMinutes(3), () -> {
            ObjectNode p = probe.next(PREFIX + "test.probe", BurstRig.JSON.createObjectNode());
            bus.send(p.get("topic").asText(), p.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try {
                Thread.sleep(200);
                String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/observe/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
                return metrics.lines().anyMatch(l -> l.startsWith("pdcupdater_messages_unhandled_total")
                        && !l.endsWith(" 0.0"));
            } catch (Exception e) {
                return false;
            }
        });
    }
}
