package org.fedoraproject.pdcupdater.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.fedoraproject.pdcupdater.testsupport.Eventually;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ingress's idempotent repository keeps the contract of camel-sql's JdbcMessageIdRepository
 * (which the cluster's failover tests read from the same table), on H2 and on a real PostgreSQL:
 * marked only by add, seen by another instance once written, every mark written by stop, and a
 * msg_id marked by two instances leaves one row and no error.
 */
class GroupCommitMessageIdRepositoryTest {

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("H2", (Supplier<HikariDataSource>) TestDatabase::open),
                Arguments.of("PostgreSQL", (Supplier<HikariDataSource>) PostgresTestDatabase::open));
    }

    private static GroupCommitMessageIdRepository started(HikariDataSource db, int recent) {
        GroupCommitMessageIdRepository repository = new GroupCommitMessageIdRepository(db, "fedmsg", recent, 10_000);
        repository.start();
        return repository;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aMsgIdIsMarkedOnlyByAddAndKnownAtOnce(String name, Supplier<HikariDataSource> database) {
        try (HikariDataSource db = database.get()) {
            GroupCommitMessageIdRepository repository = started(db, 100);
            assertThat(repository.contains("2026-a")).isFalse();
            assertThat(rows(db, "2026-a")).isZero();

            assertThat(repository.add("2026-a")).isTrue();
            assertThat(repository.contains("2026-a")).isTrue();
            assertThat(repository.add("2026-a")).as("second add of a known msg_id").isFalse();
            Eventually.await("row written", () -> rows(db, "2026-a") == 1);
            assertThat(repository.contains("2026-b")).isFalse();
            repository.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aMarkWrittenByAnotherInstanceIsSeenEvenAfterANegativeAnswer(String name, Supplier<HikariDataSource> database) {
        try (HikariDataSource db = database.get()) {
            GroupCommitMessageIdRepository first = started(db, 100);
            GroupCommitMessageIdRepository second = started(db, 100);
            assertThat(second.contains("2026-x")).isFalse();

            first.add("2026-x");
            Eventually.await("row written", () -> rows(db, "2026-x") == 1);
            // The earlier "no" was not kept: the other instance's mark is seen.
            assertThat(second.contains("2026-x")).isTrue();
            first.stop();
            second.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void stopWritesEveryPendingMarkAndARestartSeesThem(String name, Supplier<HikariDataSource> database) {
        try (HikariDataSource db = database.get()) {
            GroupCommitMessageIdRepository repository = started(db, 10);
            for (int i = 0; i < 5_000; i++) {
                repository.add("2026-" + i);
            }
            repository.stop();
            assertThat(count(db)).isEqualTo(5_000);

            // A new instance (a restart) remembers nothing in memory and finds every mark in the table.
            GroupCommitMessageIdRepository restarted = started(db, 10);
            assertThat(restarted.contains("2026-0")).isTrue();
            assertThat(restarted.contains("2026-4999")).isTrue();
            assertThat(restarted.contains("2026-5000")).isFalse();
            restarted.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aMsgIdAnotherInstanceMarkedMeanwhileLeavesOneRowAndTheRestOfItsBatchIsWritten(
            String name, Supplier<HikariDataSource> database) {
        try (HikariDataSource db = database.get()) {
            GroupCommitMessageIdRepository repository = started(db, 100);
            assertThat(repository.contains("2026-both")).isFalse();
            // Another instance marks it between this one's look-up and its mark.
            insert(db, "2026-both");
            for (int i = 0; i < 5; i++) {
                repository.add("2026-other-" + i);
            }
            repository.add("2026-both");
            for (int i = 5; i < 10; i++) {
                repository.add("2026-other-" + i);
            }
            repository.stop();
            assertThat(rows(db, "2026-both")).isEqualTo(1);
            assertThat(count(db)).isEqualTo(11);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void removeForgetsTheMark(String name, Supplier<HikariDataSource> database) {
        try (HikariDataSource db = database.get()) {
            GroupCommitMessageIdRepository repository = started(db, 100);
            repository.add("2026-r");
            Eventually.await("row written", () -> rows(db, "2026-r") == 1);
            assertThat(repository.remove("2026-r")).isTrue();
            assertThat(repository.contains("2026-r")).isFalse();
            assertThat(rows(db, "2026-r")).isZero();
            repository.stop();
        }
    }

    /** A look-up made ahead answers like contains would at the time fedmsg-accept asks. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aLookAheadIsUsedOnlyWhileMemoryStillCoversWhatWasMarkedSince(String name, 
                                                                       Supplier<HikariDataSource> database) throws Exception {
        try (HikariDataSource db = database.get(); DefaultCamelContext camel = new DefaultCamelContext()) {
            GroupCommitMessageIdRepository repository = started(db, 3);
            AtomicLong term = new AtomicLong(7);
            insert(db, "2026-old");
            assertThat(ask(repository, camel, repository.lookAhead("2026-old", term::get))).isTrue();

            // Marked here after the look-up: memory answers.
            GroupCommitMessageIdRepository.Lookup before = repository.lookAhead("2026-l", term::get);
            assertThat(before.stored()).isFalse();
            repository.add("2026-l");
            assertThat(ask(repository, camel, before)).isTrue();

            // Marked and written here, then pushed out of the cache (3) by later marks: the database answers.
            GroupCommitMessageIdRepository.Lookup early = repository.lookAhead("2026-e", term::get);
            repository.add("2026-e");
            for (int i = 0; i < 5; i++) {
                repository.add("2026-later-" + i);
            }
            Eventually.await("rows written", () -> repository.pendingCount() == 0);
            assertThat(ask(repository, camel, early)).isTrue();

            // Marked by another instance: a look-up of an earlier leader epoch is not used.
            GroupCommitMessageIdRepository.Lookup stale = repository.lookAhead("2026-o", term::get);
            insert(db, "2026-o");
            term.incrementAndGet();
            assertThat(ask(repository, camel, stale)).isTrue();

            GroupCommitMessageIdRepository.Lookup fresh = repository.lookAhead("2026-new", term::get);
            assertThat(ask(repository, camel, fresh)).isFalse();
            repository.stop();
        }
    }

    private static boolean ask(GroupCommitMessageIdRepository repository, DefaultCamelContext camel,
                               GroupCommitMessageIdRepository.Lookup lookup) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(GroupCommitMessageIdRepository.LOOKUP_PROPERTY, lookup);
        return repository.contains(exchange, lookup.key());
    }

    /** The cluster's fence lets go of a leader's epoch only once this says the mark is where a new leader looks. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void awaitStoredReturnsOnceTheMarkIsInTheTableAndNotBefore(String name, Supplier<HikariDataSource> database)
            throws SQLException {
        try (HikariDataSource db = database.get()) {
            GroupCommitMessageIdRepository repository = started(db, 100);
            assertThat(repository.awaitStored("2026-never-marked", 0)).as("nothing to wait for").isTrue();
            try (Connection other = db.getConnection()) {
                // Another transaction inserts the same key and keeps it open: the writer's insert waits on it.
                other.setAutoCommit(false);
                try (PreparedStatement ps = other.prepareStatement("INSERT INTO CAMEL_MESSAGEPROCESSED"
                        + " (processorName, messageId, createdAt) VALUES ('fedmsg', '2026-held', CURRENT_TIMESTAMP)")) {
                    ps.executeUpdate();
                }
                repository.add("2026-held");
                assertThat(repository.awaitStored("2026-held", 300)).as("the writer is blocked").isFalse();
                other.commit();
            }
            assertThat(repository.awaitStored("2026-held", 60_000)).isTrue();
            assertThat(rows(db, "2026-held")).isEqualTo(1);
            repository.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void pruneDeletesTheMarksOlderThanTheCutoffChunkAfterChunkAndKeepsTheRest(String name,
                                                                             Supplier<HikariDataSource> database) {
        try (HikariDataSource db = database.get()) {
            Instant cutoff = Instant.parse("2026-11-20T00:00:00Z");
            // More than one chunk of 10,000, so the loop is exercised.
            insertAt(db, cutoff.minusSeconds(1), IntStream.range(0, 10_003).mapToObj(i -> "2026-old-" + i).toList());
            insertAt(db, cutoff, List.of("2026-at-cutoff"));
            insertAt(db, cutoff.plusSeconds(3600), List.of("2026-new"));
            GroupCommitMessageIdRepository repository = started(db, 100);

            assertThat(repository.prune(cutoff)).isEqualTo(10_003);

            assertThat(count(db)).isEqualTo(2);
            assertThat(repository.contains("2026-old-0")).isFalse();
            assertThat(repository.contains("2026-at-cutoff")).isTrue();
            assertThat(repository.contains("2026-new")).isTrue();
            assertThat(repository.prune(cutoff)).as("nothing left to prune").isZero();
            repository.stop();
        }
    }

    private static void insertAt(HikariDataSource db, Instant createdAt, List<String> msgIds) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt) VALUES ('fedmsg', ?, ?)")) {
            for (String msgId : msgIds) {
                ps.setString(1, msgId);
                ps.setTimestamp(2, Timestamp.from(createdAt));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void insert(HikariDataSource db, String msgId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt) VALUES ('fedmsg', ?, CURRENT_TIMESTAMP)")) {
            ps.setString(1, msgId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long rows(HikariDataSource db, String msgId) {
        return query(db, "SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE processorName = 'fedmsg' AND messageId = ?",
                msgId);
    }

    private static long count(HikariDataSource db) {
        return query(db, "SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ?", "fedmsg");
    }

    private static long query(HikariDataSource db, String sql, String arg) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
