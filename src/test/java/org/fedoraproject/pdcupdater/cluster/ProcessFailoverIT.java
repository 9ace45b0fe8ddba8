package org.fedoraproject.pdcupdater.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.fedoraproject.pdcupdater.testsupport.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service processes (the shaded jar, prod profile) started together against one empty
 * PostgreSQL, one ZooKeeper, the PDC sandbox and a bus; the leader is SIGKILLed mid-stream, three
 * times, and a fresh standby started after each kill. Nothing published may be lost or handled by
 * both (a message the killed leader was handling when it died is handled again by the new leader:
 * at-least-once, counted apart).
 */
class ProcessFailoverIT {

    private static final int KILLS = 3;

    @TempDir
    Path dir;

    private int started;

    private ServiceProcess startInstance(FailoverRig rig, List<ServiceProcess> all) {
        String member = "process-" + (++started);
        ServiceProcess process = ServiceProcess.start(member, rig.settings(member), dir);
        all.add(process);
        return process;
    }

    @Test
    void killingTheLeaderMidStreamLosesNothingAndHandlesNothingTwice() {
        List<ServiceProcess> all = new ArrayList<>();
        Set<String> killed = new HashSet<>();
        List<Long> takeoverMillis = new ArrayList<>();
        try (FailoverRig rig = new FailoverRig(dir)) {
            // Both started at once on an empty database, as a deployment starts them: they migrate
            // the schema concurrently (Flyway's lock) and race for the first election.
            ServiceProcess first = startInstance(rig, all);
            ServiceProcess second = startInstance(rig, all);
            Eventually.await("one of the two instances leads, the other stands by", Duration.ofMinutes(3),
                    () -> (first.isLeader() && second.isStandby()) || (second.isLeader() && first.isStandby()));
            ServiceProcess leader = first.isLeader() ? first : second;
            ServiceProcess standby = leader == first ? second : first;

            try (MessageStream stream = new MessageStream(rig, 20)) {
                long handled = rig.processedCount();
                Eventually.await("stream flowing", Duration.ofMinutes(1), () -> rig.processedCount() > 50);
                for (int kill = 0; kill < KILLS; kill++) {
                    long killedAt = System.nanoTime();
                    leader.kill();
                    killed.add(leader.member);
                    ServiceProcess next = standby;
                    Eventually.await(next.member + " takes over", Duration.ofMinutes(1), next::isLeader);
                    takeoverMillis.add((System.nanoTime() - killedAt) / 1_000_000);
                    handled = rig.processedCount();
                    long before = handled;
                    Eventually.await("stream handled by the new leader", Duration.ofMinutes(1),
                            () -> rig.processedCount() > before + 50);
                    leader = next;
                    standby = startInstance(rig, all);
                    ServiceProcess waiting = standby;
                    Eventually.await(waiting.member + " stands by", Duration.ofMinutes(2), waiting::isStandby);
                }
            }
            FailoverOutcome outcome = FailoverOutcome.check(rig, killed);
            assertThat(leader.isLeader()).isTrue();
            assertThat(standby.isStandby()).isTrue();
            System.out.printf("FAILOVER (SIGKILL): %d messages, %d kills, takeover ms %s (median %d, ZooKeeper session %d ms),"
                            + " lost %d, handled by both %d, re-handled after a kill (idempotent) %d%n",
                    outcome.published, KILLS, takeoverMillis, FailoverOutcome.median(takeoverMillis),
                    FailoverRig.SESSION_TIMEOUT_MS, outcome.lost, outcome.handledByTwo, outcome.redoneAfterKill);
        } catch (AssertionError e) {
            StringBuilder logs = new StringBuilder(e.getMessage());
            all.forEach(p -> logs.append("\n---- ").append(p.logTail(40)));
            throw new AssertionError(logs.toString(), e);
        } finally {
            all.forEach(ServiceProcess::close);
        }
    }
}
