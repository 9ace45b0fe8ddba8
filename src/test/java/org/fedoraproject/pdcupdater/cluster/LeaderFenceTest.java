package org.fedoraproject.pdcupdater.cluster;

import static org.assertj.core.api.Assertions.assertThat;

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
            LeaderFence fence = new LeaderFence(db);
            long first = fence.acquire("a");
            assertThat(fence.isCurrent(first)).isTrue();

            long second = fence.acquire("b");
            assertThat(second).isGreaterThan(first);
            assertThat(fence.isCurrent(first)).as("the paused old leader is fenced").isFalse();
            assertThat(fence.isCurrent(second)).isTrue();
        }
    }
}
