package org.fedoraproject.pdcupdater.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.fedoraproject.pdcupdater.db.PostgresTestDatabase;
import org.fedoraproject.pdcupdater.db.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LeaderFenceTest {

    private static HikariDataSource open(String vendor) {
        return vendor.equals("h2") ? TestDatabase.open() : PostgresTestDatabase.open();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void eachLeadershipTakesANewEpochAndFencesThePreviousOne(String vendor) {
        try (HikariDataSource db = open(vendor)) {
            LeaderFence fence = new LeaderFence(db, 5000);
            long first = fence.acquire("a");
            assertThat(fence.isCurrent(first)).isTrue();
            fence.hold(first).orElseThrow().close();

            long second = fence.acquire("b");
            assertThat(second).isGreaterThan(first);
            assertThat(fence.isCurrent(first)).as("the paused old leader is fenced").isFalse();
            assertThat(fence.hold(first)).as("the old leader may not take a message").isEmpty();
            assertThat(fence.isCurrent(second)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aNewLeaderWaitsForTheMessageTheOldOneIsHandling(String vendor) throws Exception {
        try (HikariDataSource db = open(vendor)) {
            LeaderFence fence = new LeaderFence(db, 30_000);
            long first = fence.acquire("a");
            LeaderFence.Hold inHand = fence.hold(first).orElseThrow();
            CompletableFuture<Long> next = CompletableFuture.supplyAsync(() -> fence.acquire("b"));
            // Not a timing assertion: b cannot finish while a holds the row, however long we look.
            Thread.sleep(500);
            assertThat(next).as("the new leader waits while the old one handles its message").isNotDone();
            inHand.close();
            assertThat(next.get(30, TimeUnit.SECONDS)).isGreaterThan(first);
            assertThat(fence.hold(first)).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aNewLeaderGivesUpAfterTheLockTimeoutAndCanTryAgain(String vendor) {
        try (HikariDataSource db = open(vendor)) {
            LeaderFence fence = new LeaderFence(db, 200);
            long first = fence.acquire("a");
            LeaderFence.Hold stuck = fence.hold(first).orElseThrow();
            assertThatThrownBy(() -> fence.acquire("b")).isInstanceOf(IllegalStateException.class);
            assertThat(fence.isCurrent(first)).as("nothing taken while the old leader held the row").isTrue();
            stuck.close();
            assertThat(fence.acquire("b")).isGreaterThan(first);
        }
    }
}
