package org.fedoraproject.pdcupdater.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.fedoraproject.pdcupdater.testsupport.Eventually;
import org.fedoraproject.pdcupdater.testsupport.SignedMessages;
import org.fedoraproject.pdcupdater.testsupport.TestBus;
import org.fedoraproject.pdcupdater.testsupport.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost: PDC (a sandbox the service does not own) is down for 30 s in the middle of a
 * burst of 2,000 buildsys.tag messages. What failed meanwhile becomes dead letters, which the
 * Quartz reconciliation replays once PDC is back; in the end every build's rpm is in PDC once.
 * One permanently bad message (a tag of a release PDC lacks) stays a dead letter with its reason
 * and does not hold up the messages after it.
 */
class PdcOutageIT {

    private static final String PREFIX = "org.fedoraproject.prod.";
    private static final int BURST = 2000;
    private static final int BAD_AT = 10;

    @TempDir
    Path dir;

    @Test
    void aBurstDuringAPdcOutageEndsUpInPdcOnceAndABadMessageStaysADeadLetter() throws Exception {
        try (BurstRig rig = new BurstRig(dir, BURST); TestBus bus = TestBus.onFreePort()) {
            SignedMessages koji = SignedMessages.publisher(dir.resolve("pki"), "koji-test");
            SignedMessages probe = SignedMessages.publisher(dir.resolve("pki"), "probe");
            Map<String, String> s = new HashMap<>(rig.serviceSettings());
            s.put("db.url", "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
            s.put("fedmsg.endpoints", bus.endpoint());
            s.put("fedmsg.local-pki-dir", dir.resolve("pki").toString());
            s.put("fedmsg.ca-cert", dir.resolve("pki/ca.crt").toString());
            s.put("fedmsg.crl", dir.resolve("pki/crl.pem").toString());
            s.put("fedmsg.routing-policy", "");
            s.put("handlers.redeliveries", "1");
            s.put("handlers.redelivery-delay", "100");
            s.put("reconcile.dead-letters.cron", "0/2 * * * * ?");
            s.put("reconcile.dead-letters.first-retry-delay", "1000");
            s.put("reconcile.dead-letters.max-retry-delay", "4000");
            s.put("reconcile.dead-letters.permanent-retry-delay", "1000");
            s.put("reconcile.dead-letters.max-attempts", "1000");
            // No scheduled audit (daily by default) may run into the burst.
            s.put("reconcile.audit.cron", "off");
            try (TestService service = TestService.start(s)) {
                MeterRegistry registry = service.bean("metricsRegistry", MeterRegistry.class);
                Eventually.await("subscription", () -> {
                    send(bus, probe.next(PREFIX + "test.probe", BurstRig.JSON.createObjectNode()));
                    sleep(100);
                    return counter(registry, "pdcupdater.messages.unhandled") > 0;
                });

                String badMsgId = null;
                for (int i = 0; i < BURST / 4; i++) {
                    ObjectNode m = koji.next(PREFIX + "buildsys.tag", rig.tagMsg(i, i == BAD_AT ? "f99" : "f28"));
                    if (i == BAD_AT) {
                        badMsgId = m.get("msg_id").asText();
                    }
                    send(bus, m);
                }
                // The first rpms are in PDC: the burst is under way when PDC goes down, and the bad message
                // (the 11th) did not hold up the ones after it.
                Eventually.await("first rpms in PDC", Duration.ofMinutes(3), () -> rig.burstRows() >= 100);
                assertThat(rig.rpmState()).anyMatch(r -> r.startsWith(String.format("burst-%04d-", BAD_AT + 1)));
                long stoppedAt = System.nanoTime();
                rig.stopPdc();
                for (int i = BURST / 4; i < BURST; i++) {
                    send(bus, koji.next(PREFIX + "buildsys.tag", rig.tagMsg(i, "f28")));
                }
                long down = Duration.ofSeconds(30).toNanos() - (System.nanoTime() - stoppedAt);
                if (down > 0) {
                    Thread.sleep(down / 1_000_000);
                }
                long deadLettersDuringOutage = BurstRig.count(service.dataSource(),
                        "SELECT COUNT(*) FROM dead_letter WHERE msg_id <> ?", badMsgId);
                rig.startPdc();

                // Every good message: in PDC (the bad one's build is the only one missing).
                Eventually.await("every rpm of the burst in PDC", Duration.ofMinutes(8),
                        () -> rig.burstRows() == BURST - 1);
                // buildsys.tag goes to two handlers (rpms and depchain), so one message can leave two dead letters.
                String bad = badMsgId;
                Eventually.await("every dead letter resolved but the bad message's", Duration.ofMinutes(2),
                        () -> BurstRig.count(service.dataSource(), "SELECT COUNT(*) FROM dead_letter WHERE status <> ?"
                                + " AND msg_id <> ?", "RESOLVED", bad) == 0);

                assertThat(deadLettersDuringOutage).as("messages that failed while PDC was down").isPositive();
                assertThat(BurstRig.count(service.dataSource(), "SELECT COUNT(*) FROM dead_letter WHERE status = ?",
                        "RESOLVED")).as("replayed by reconciliation").isGreaterThanOrEqualTo(deadLettersDuringOutage);
                // None twice: one row per build, and the bad message's build not at all.
                assertThat(rig.rpmState().stream().filter(r -> r.startsWith("burst-")).count()).isEqualTo(BURST - 1);
                assertThat(rig.rpmState()).noneMatch(r -> r.startsWith(String.format("burst-%04d-", BAD_AT)));
                // The bad message stays a dead letter of each handler it reached, with its reason.
                List<DeadLetter> badLetters = service.bean("deadLetters", DeadLetterStore.class).byMsgId(badMsgId);
                assertThat(badLetters).extracting(DeadLetter::handler).containsExactlyInAnyOrder("rpms", "depchain");
                for (DeadLetter letter : badLetters) {
                    assertThat(letter.status()).isIn(DeadLetter.Status.PENDING, DeadLetter.Status.NEEDS_PERSON);
                    assertThat(letter.permanent()).as(letter.handler()).isTrue();
                    assertThat(letter.reason()).startsWith("unknown release").contains("fedora-99");
                    assertThat(letter.attempts()).as("replayed by reconciliation too").isGreaterThan(1);
                }
            }
        }
    }

    private static void send(TestBus bus, ObjectNode envelope) {
        try {
            bus.send(envelope.get("topic").asText(), BurstRig.JSON.writeValueAsBytes(envelope));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double counter(MeterRegistry registry, String name) {
        Counter c = registry.find(name).counter();
        return c == null ? 0 : c.count();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
