package org.fedoraproject.pdcupdater.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.fedoraproject.pdcupdater.testsupport.Eventually;
import org.fedoraproject.pdcupdater.testsupport.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two in-process service instances; the leader's ZooKeeper session expires (as after a network
 * partition) instead of the process dying. The leader must step down, the standby take over and
 * replay what nobody handled meanwhile, and the old leader come back as a candidate.
 */
class SessionExpiryFailoverIT {

    private static final int EXPIRIES = 3;

    @TempDir
    Path dir;

    private static Leadership leadership(TestService service) {
        return service.bean("leadership", Leadership.class);
    }

    private static void expireSession(TestService service) throws Exception {
        ZooKeeperClusterService zk = (ZooKeeperClusterService) leadership(service).clusterService();
        zk.getCuratorFramework().getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();
    }

    @Test
    void aLeaderWhoseSessionExpiresStepsDownAndTheStandbyTakesOverWithoutLossOrDoubles() throws Exception {
        List<Long> takeoverMillis = new ArrayList<>();
        try (FailoverRig rig = new FailoverRig(dir);
             TestService first = TestService.start(rig.settings("inprocess-1"))) {
            Eventually.await("first instance leads", () -> leadership(first).isLeader());
            try (TestService second = TestService.start(rig.settings("inprocess-2"))) {
                Eventually.await("second instance joined", () -> leadership(second).currentLeader().isPresent());
                assertThat(leadership(second).isLeader()).isFalse();
                assertRole(first, "leader");
                assertRole(second, "standby");
                // Standby: the bus consumer is stopped (its socket closed), the route is there.
                assertThat(second.context().getRouteController().getRouteStatus("fedmsg-bus")).isEqualTo(ServiceStatus.Stopped);
                assertThat(first.context().getRouteController().getRouteStatus("fedmsg-bus")).isEqualTo(ServiceStatus.Started);

                TestService leader = first;
                TestService standby = second;
                try (MessageStream stream = new MessageStream(rig, 20)) {
                    Eventually.await("stream flowing", () -> rig.processedCount() > 50);
                    for (int i = 0; i < EXPIRIES; i++) {
                        long expiredAt = System.nanoTime();
                        expireSession(leader);
                        TestService next = standby;
                        TestService old = leader;
                        Eventually.await("old leader steps down", () -> !leadership(old).isLeader());
                        Eventually.await("standby takes over", Duration.ofMinutes(1), () -> leadership(next).isLeader());
                        takeoverMillis.add((System.nanoTime() - expiredAt) / 1_000_000);
                        long before = rig.processedCount();
                        Eventually.await("stream handled by the new leader", () -> rig.processedCount() > before + 50);
                        // The old leader is back in the election, as the standby.
                        Eventually.await("old leader is a candidate again",
                                () -> leadership(old).currentLeader().filter(l -> l.equals(leadership(next).memberId())).isPresent());
                        assertThat(old.context().getRouteController().getRouteStatus("fedmsg-bus")).isEqualTo(ServiceStatus.Stopped);
                        leader = next;
                        standby = old;
                    }
                }
                FailoverOutcome outcome = FailoverOutcome.check(rig, Set.of());
                assertThat(outcome.redoneAfterKill).isZero();
                MeterRegistry registry = first.bean("metricsRegistry", MeterRegistry.class);
                assertThat(registry.find("pdcupdater.leadership.changes").counter().count()).isGreaterThanOrEqualTo(3);
                System.out.printf("FAILOVER (session expiry): %d messages, %d expiries, takeover ms %s (median %d,"
                                + " ZooKeeper session %d ms), lost %d, handled by both %d%n",
                        outcome.published, EXPIRIES, takeoverMillis, FailoverOutcome.median(takeoverMillis),
                        FailoverRig.SESSION_TIMEOUT_MS, outcome.lost, outcome.handledByTwo);
            }
        }
    }

    /** The role as operators see it: the leadership check on the health page, UP in both roles. */
    private static void assertRole(TestService service, String role) throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + service.managementPort() + "/observe/health?exposureLevel=full")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode checks = new ObjectMapper().readTree(health.body()).get("checks");
        JsonNode leadership = null;
        for (JsonNode check : checks) {
            if ("leadership".equals(check.path("name").asText())) {
                leadership = check;
            }
        }
        assertThat(leadership).as("leadership check in " + health.body()).isNotNull();
        assertThat(leadership.path("status").asText()).isEqualTo("UP");
        assertThat(leadership.path("message").asText()).isEqualTo(role);
        MeterRegistry registry = service.bean("metricsRegistry", MeterRegistry.class);
        assertThat(registry.find("pdcupdater.leader").gauge().value()).isEqualTo(role.equals("leader") ? 1 : 0);
    }
}
