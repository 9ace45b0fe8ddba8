package org.fedoraproject.pdcupdater.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.testsupport.Eventually;

/**
 * The end state every failover test checks: each published message handled, its PDC person
 * present with exactly one changeset naming the message, no dead letter, and no message handled
 * by two instances (except, after a SIGKILL, one the killed instance had handled but not yet
 * marked: at-least-once, harmless because handlers are idempotent, and counted).
 */
final class FailoverOutcome {

    final int published;
    final long lost;
    final long handledByTwo;
    final long redoneAfterKill;

    private FailoverOutcome(int published, long lost, long handledByTwo, long redoneAfterKill) {
        this.published = published;
        this.lost = lost;
        this.handledByTwo = handledByTwo;
        this.redoneAfterKill = redoneAfterKill;
    }

    /** Waits until everything published is handled, then checks PDC, dead letters and handler calls. */
    static FailoverOutcome check(FailoverRig rig, Set<String> killedMembers) {
        int published = rig.published.size();
        Eventually.await("all " + published + " messages handled", Duration.ofMinutes(3),
                () -> rig.processedCount() == published);
        List<String> missingInPdc = new ArrayList<>();
        for (ObjectNode message : rig.published) {
            String msgId = message.get("msg_id").asText();
            String user = message.get("msg").get("user").asText();
            if (rig.pdc.people().findByUsername(user).isEmpty() || rig.pdc.changesets().withComment(msgId).size() != 1) {
                missingInPdc.add(msgId);
            }
        }
        long handledByTwo = 0;
        long redone = 0;
        for (Map.Entry<String, List<String>> calls : rig.handlerCalls().entrySet()) {
            Collection<String> members = calls.getValue();
            if (members.stream().distinct().count() > 1) {
                // A message first handled by an instance that was then SIGKILLed, before it could mark it.
                if (killedMembers.contains(calls.getValue().get(0))) {
                    redone++;
                } else {
                    handledByTwo++;
                }
            }
        }
        assertThat(missingInPdc).as("messages whose PDC effect is not there exactly once").isEmpty();
        assertThat(rig.deadLetterCount()).as("dead letters").isZero();
        assertThat(rig.count("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED")).isEqualTo(published);
        assertThat(handledByTwo).as("messages handled by both instances").isZero();
        return new FailoverOutcome(published, missingInPdc.size(), handledByTwo, redone);
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
