package org.fedoraproject.pdcupdater.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.testsupport.Eventually;
import org.fedoraproject.pdcupdater.testsupport.SignedMessages;
import org.fedoraproject.pdcupdater.testsupport.TestBus;
import org.fedoraproject.pdcupdater.testsupport.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's commands while the service runs on an H2 file database (the default kind of
 * db.url, with AUTO_SERVER): the service holds the file, and dead-letters and audit still open it
 * through the service's H2 server instead of failing on the file lock.
 */
class CliBesideServiceIT {

    private static final String PREFIX = "org.fedoraproject.prod.";

    @TempDir
    Path dir;

    @Test
    void deadLettersAndAuditRunBesideTheServiceOnTheSameH2File() throws Exception {
        try (BurstRig rig = new BurstRig(dir, 3); TestBus bus = TestBus.onFreePort()) {
            SignedMessages koji = SignedMessages.publisher(dir.resolve("pki"), "koji-test");
            int consolePort = TestService.freePort();
            Map<String, String> s = new HashMap<>(rig.serviceSettings());
            s.put("db.url", "jdbc:h2:file:" + dir.resolve("db") + ";AUTO_SERVER=TRUE");
            s.put("fedmsg.local-pki-dir", dir.resolve("pki").toString());
            s.put("fedmsg.ca-cert", dir.resolve("pki/ca.crt").toString());
            s.put("fedmsg.crl", dir.resolve("pki/crl.pem").toString());
            s.put("fedmsg.routing-policy", "");
            s.put("fedmsg.endpoints", bus.endpoint());
            s.put("console.port", String.valueOf(consolePort));
            s.put("camel.main.routes-reload-enabled", "false");
            s.put("sandbox.port", "0");
            s.put("sandbox.standins-port", "0");
            s.put("sandbox.db-url", "jdbc:h2:mem:sandbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            s.put("embedded.replay-fixtures", "false");
            s.put("reconcile.audit.cron", "off");

            Process service = ServiceProcess.start(dir.resolve("service.log"), s);
            try {
                // A tag into a release PDC lacks: a permanent dead letter of rpms and of depchain.
                ObjectNode bad = koji.next(PREFIX + "buildsys.tag", rig.tagMsg(0, "f99"));
                byte[] body = BurstRig.JSON.writeValueAsBytes(bad);
                HttpClient http = HttpClient.newHttpClient();
                Eventually.await("the service dead-lettered the message", Duration.ofMinutes(3), () -> {
                    bus.send(bad.get("topic").asText(), body); // the same msg_id: handled once
                    return metric(http, consolePort, "pdcupdater_dead_letters_total{handler=\"rpms\"")
                            && metric(http, consolePort, "pdcupdater_dead_letters_total{handler=\"depchain\"");
                });

                // The service serves the file to other processes on loopback only (cli.Main sets h2.bindAddress).
                Properties lock = new Properties();
                try (var in = Files.newInputStream(dir.resolve("db.lock.db"))) {
                    lock.load(in);
                }
                // H2 writes 127.0.0.1 as "localhost"; without the setting it would be the host name's address.
                String server = lock.getProperty("server");
                assertThat(server).startsWith("localhost:");
                int h2Port = Integer.parseInt(server.substring(server.indexOf(':') + 1));
                for (InetAddress other : nonLoopbackAddresses()) {
                    assertThatThrownBy(() -> new Socket(other, h2Port).close()).as("H2 reachable on " + other)
                            .isInstanceOf(IOException.class);
                }

                ServiceProcess.Result list = ServiceProcess.run(dir, s, "dead-letters", "list");
                assertThat(list.exitCode()).as(list.stdout()).isZero();
                assertThat(list.stdout().lines().filter(l -> l.contains(bad.get("msg_id").asText())))
                        .hasSize(2).allMatch(l -> l.contains("unknown release"));
                String id = list.stdout().lines().filter(l -> l.contains(" rpms ")).findFirst().orElseThrow()
                        .strip().split("\\s+")[0];
                ServiceProcess.Result discard = ServiceProcess.run(dir, s, "dead-letters", "discard", id);
                assertThat(discard.exitCode()).as(discard.stdout()).isZero();
                ServiceProcess.Result after = ServiceProcess.run(dir, s, "dead-letters", "list");
                assertThat(after.stdout().lines().filter(l -> l.contains(bad.get("msg_id").asText())))
                        .hasSize(1).allMatch(l -> l.contains(" depchain "));

                // A command that starts the handler routes (and runs Flyway) beside the service.
                ServiceProcess.Result audit = ServiceProcess.run(dir, s, "audit", "--handler", "rpms");
                assertThat(audit.exitCode()).as("drift: the sandbox has none of Koji's rpms").isEqualTo(2);
                assertThat(audit.stdout()).startsWith("rpms: ");
                assertThat(service.isAlive()).as("the service still runs").isTrue();
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                Collections.list(nic.getInetAddresses()).stream().filter(a -> a instanceof Inet4Address)
                        .forEach(addresses::add);
            }
        }
        return addresses;
    }

    private static boolean metric(HttpClient http, int port, String prefix) {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/observe/metrics")).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
            Thread.sleep(200);
            return metrics.lines().anyMatch(l -> l.startsWith(prefix) && !l.endsWith(" 0.0"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
