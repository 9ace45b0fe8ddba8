package org.fedoraproject.pdcupdater.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.fedoraproject.pdcupdater.audit.Difference;
import org.fedoraproject.pdcupdater.db.TestDatabase;
import org.fedoraproject.pdcupdater.handler.InitializeResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tables of migrations V3 and V4, on a real (H2) database. */
class ReconcileStoresTest {

    private final HikariDataSource db = TestDatabase.open();

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void anAuditRunKeepsItsCountsAndFirstDifferences() {
        AuditRunStore store = new AuditRunStore(db);
        Instant t = Instant.parse("2026-01-02T03:04:05Z");
        List<Difference> first = List.of(Difference.absentFromPdc("a-1.0-1.noarch", "koji"),
                Difference.different("b", "x", "y"));
        store.save(new AuditRun(0, "rpms", t, t.plusSeconds(5), "cli", 10, 1, 0, 1, true, 2, 0, first, null));
        store.save(new AuditRun(0, "people", t, t, "schedule", 0, 0, 0, 0, false, 0, 0, List.of(), "PDC down"));

        AuditRun last = store.last("rpms").orElseThrow();
        assertThat(last.firstDifferences()).isEqualTo(first);
        assertThat(last.total()).isEqualTo(2);
        assertThat(last.repaired()).isEqualTo(2);
        assertThat(last.remaining()).isZero();
        assertThat(store.last("people").orElseThrow().failed()).isTrue();
        assertThat(store.recent(10)).extracting(AuditRun::handler).containsExactly("people", "rpms");
    }

    @Test
    void initializeRemembersFinishedHandlersOnly() {
        InitializeLedger ledger = new InitializeLedger(db);
        ledger.started("people");
        ledger.finished(new InitializeResult("people", 10, 3));
        ledger.started("rpms");

        assertThat(ledger.isFinished("people")).isTrue();
        assertThat(ledger.isFinished("rpms")).as("interrupted").isFalse();
        ledger.reset();
        assertThat(ledger.isFinished("people")).isFalse();
    }

    @Test
    void aReplayDoesNotOverwriteAnOperatorsDiscard() {
        DeadLetterStore store = new DeadLetterStore(db);
        long id = store.recordFailure("2026-1", "t", "rpms", "{}", "down", "X", false, Duration.ZERO);
        store.setStatus(id, DeadLetter.Status.DISCARDED);

        assertThat(store.changeStatus(id, DeadLetter.Status.PENDING, DeadLetter.Status.RESOLVED)).isFalse();
        assertThat(store.get(id).orElseThrow().status()).isEqualTo(DeadLetter.Status.DISCARDED);
        assertThat(store.byMsgId("2026-1")).hasSize(1);
    }

    @Test
    void quartzHasItsTablesAndTheDelegateFitsTheDatabase() throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME LIKE 'QRTZ_%'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(11);
        }
        assertThat(QuartzJobStore.delegate("jdbc:postgresql://db/pdc")).endsWith("PostgreSQLDelegate");
        assertThat(QuartzJobStore.delegate("jdbc:h2:mem:x")).endsWith("StdJDBCDelegate");
        Map<String, String> p = QuartzJobStore.properties(db, "jdbc:h2:mem:x", "pdc-updater", 2, 15000);
        assertThat(p).containsEntry("org.quartz.jobStore.isClustered", "true")
                .containsEntry("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX")
                .containsEntry("org.quartz.scheduler.instanceName", "pdc-updater");
        try (Connection c = org.quartz.utils.DBConnectionManager.getInstance()
                .getConnection(p.get("org.quartz.jobStore.dataSource"))) {
            assertThat(c.isValid(1)).isTrue();
        }
    }
}
