package org.fedoraproject.pdcupdater.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.zaxxer.hikari.HikariDataSource;
import org.fedoraproject.pdcupdater.db.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IngressStoresTest {

    private final HikariDataSource db = TestDatabase.open();

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void rejectedMessagesAreListedNewestFirstWithTheirReason() {
        RejectedMessageStore store = new RejectedMessageStore(db);
        store.store("bus", "org.fedoraproject.prod.a", "2017-1", "bad-signature", "signature does not match", new byte[] {1, 2});
        long second = store.store("bus", null, null, "not-json", "not JSON", "{{".getBytes());

        assertThat(store.list(10)).extracting(RejectedMessage::reason).containsExactly("not-json", "bad-signature");
        assertThat(store.raw(second)).hasValueSatisfying(raw -> assertThat(new String(raw)).isEqualTo("{{"));
    }

    @Test
    void rejectedMessagesOlderThanTheKeepTimeAreForgotten() throws InterruptedException {
        RejectedMessageStore store = new RejectedMessageStore(db);
        store.store("bus", "t", "2017-1", "not-json", "not JSON", new byte[] {1});

        assertThat(store.forgetOlderThan(3600)).as("rejected within the hour: kept").isZero();
        Thread.sleep(5);
        assertThat(store.forgetOlderThan(0)).isEqualTo(1);
        assertThat(store.list(10)).isEmpty();
    }

    @Test
    void aHugeRejectedMessageKeepsItsSizeButOnlyItsFirstMegabyte() {
        RejectedMessageStore store = new RejectedMessageStore(db);
        long id = store.store("bus", "t", null, "too-large", "too large", new byte[50 * 1024 * 1024]);

        assertThat(store.list(1).get(0).rawSize()).isEqualTo(50L * 1024 * 1024);
        assertThat(store.raw(id).orElseThrow()).hasSize(RejectedMessageStore.MAX_STORED_BYTES);
    }

    @Test
    void gapsAreDueAfterTheDelayUntilResolved() {
        GapStore gaps = new GapStore(db);
        gaps.add(new SequenceGap("koji", 5, 9, 10.0, 20.0));

        assertThat(gaps.due(Instant.now().minusSeconds(60), 3)).isEmpty();
        GapStore.PendingGap pending = gaps.due(Instant.now().plusSeconds(1), 3).get(0);
        assertThat(pending.gap()).isEqualTo(new SequenceGap("koji", 5, 9, 10.0, 20.0));

        gaps.failedAttempt(pending.id());
        assertThat(gaps.due(Instant.now().plusSeconds(1), 3).get(0).attempts()).isEqualTo(1);
        gaps.resolved(pending.id());
        assertThat(gaps.due(Instant.now().plusSeconds(1), 3)).isEmpty();
    }

    @Test
    void theCheckpointKeepsTheNewestHandledTimeAcrossInstances() {
        Checkpoint checkpoint = new Checkpoint(db);
        assertThat(checkpoint.lastHandled()).isEmpty();
        checkpoint.handled(200.0);
        checkpoint.handled(150.0);
        checkpoint.flush();

        assertThat(new Checkpoint(db).lastHandled()).hasValue(200.0);
        checkpoint.handled(300.5);
        checkpoint.flush();
        assertThat(new Checkpoint(db).lastHandled()).hasValue(300.5);
    }
}
