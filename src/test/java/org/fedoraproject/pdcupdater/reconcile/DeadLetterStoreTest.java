package org.fedoraproject.pdcupdater.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import com.zaxxer.hikari.HikariDataSource;
import org.fedoraproject.pdcupdater.db.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadLetterStoreTest {

    private final HikariDataSource db = TestDatabase.open();
    private final DeadLetterStore store = new DeadLetterStore(db);

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aRepeatedFailureOfTheSameMessageAndHandlerIsOneEntryWithMoreAttempts() {
        long first = store.recordFailure("2017-1", "t", "rpms", "{}", "PDC down", "X", false, Duration.ZERO);
        long second = store.recordFailure("2017-1", "t", "rpms", "{}", "PDC still down", "X", false, Duration.ZERO);

        assertThat(second).isEqualTo(first);
        DeadLetter entry = store.get(first).orElseThrow();
        assertThat(entry.attempts()).isEqualTo(2);
        assertThat(entry.reason()).isEqualTo("PDC still down");
        assertThat(entry.status()).isEqualTo(DeadLetter.Status.PENDING);
    }

    @Test
    void theSameMessageFailingInTwoHandlersIsTwoEntries() {
        store.recordFailure("2017-1", "t", "rpms", "{}", "a", "X", false, Duration.ZERO);
        store.recordFailure("2017-1", "t", "depchain", "{}", "b", "X", false, Duration.ZERO);

        assertThat(store.count(DeadLetter.Status.PENDING)).isEqualTo(2);
    }

    @Test
    void onlyEntriesWhoseTimeHasComeAreDue() {
        store.recordFailure("2017-1", "t", "rpms", "{}", "a", "X", false, Duration.ZERO);
        store.recordFailure("2017-2", "t", "rpms", "{}", "b", "X", false, Duration.ofHours(1));

        assertThat(store.due(Instant.now().plusSeconds(1), 10)).extracting(DeadLetter::msgId).containsExactly("2017-1");
    }

    @Test
    void resolvedAndDiscardedEntriesAreNoLongerDue() {
        long a = store.recordFailure("2017-1", "t", "rpms", "{}", "a", "X", false, Duration.ZERO);
        long b = store.recordFailure("2017-2", "t", "rpms", "{}", "b", "X", true, Duration.ZERO);
        store.setStatus(a, DeadLetter.Status.RESOLVED);
        store.setStatus(b, DeadLetter.Status.DISCARDED);

        assertThat(store.due(Instant.now().plusSeconds(1), 10)).isEmpty();
        assertThat(store.list(Instant.EPOCH, 10, DeadLetter.Status.DISCARDED)).extracting(DeadLetter::id).containsExactly(b);
        assertThat(store.list(Instant.EPOCH, 10)).hasSize(2);
    }

    @Test
    void closedEntriesAreForgottenOnceOlderThanTheKeepTimeAndOpenOnesNever() throws InterruptedException {
        long resolved = store.recordFailure("2017-1", "t", "rpms", "{}", "a", "X", false, Duration.ZERO);
        long discarded = store.recordFailure("2017-2", "t", "rpms", "{}", "b", "X", false, Duration.ZERO);
        long reopened = store.recordFailure("2017-3", "t", "rpms", "{}", "c", "X", false, Duration.ZERO);
        long pending = store.recordFailure("2017-4", "t", "rpms", "{}", "d", "X", false, Duration.ZERO);
        long needsPerson = store.recordFailure("2017-5", "t", "rpms", "{}", "e", "X", false, Duration.ZERO);
        assertThat(store.changeStatus(resolved, DeadLetter.Status.PENDING, DeadLetter.Status.RESOLVED)).isTrue();
        store.setStatus(discarded, DeadLetter.Status.DISCARDED);
        store.setStatus(reopened, DeadLetter.Status.RESOLVED);
        store.recordFailure("2017-3", "t", "rpms", "{}", "failed again", "X", false, Duration.ZERO);
        store.setStatus(needsPerson, DeadLetter.Status.NEEDS_PERSON);

        assertThat(store.forgetClosed(3600)).as("closed within the hour: kept").isZero();
        Thread.sleep(5);
        assertThat(store.forgetClosed(0)).isEqualTo(2);

        assertThat(store.get(resolved)).isEmpty();
        assertThat(store.get(discarded)).isEmpty();
        assertThat(store.get(reopened).orElseThrow().status()).isEqualTo(DeadLetter.Status.PENDING);
        assertThat(store.get(pending)).isPresent();
        assertThat(store.get(needsPerson)).isPresent();
    }
}
