package org.fedoraproject.pdcupdater.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.fedoraproject.pdcupdater.cluster.LeaderFence;
import org.fedoraproject.pdcupdater.ingress.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the database costs per message on the ingress path, H2 (embedded default) against
 * PostgreSQL (production): the idempotent repository's look-up and insert, the checkpoint (in
 * memory per message, one write per flush) and, with a cluster, the leader-epoch check. Printed
 * for README; no threshold, since this machine is shared and noisy.
 */
class DedupPathCostTest {

    private static final int WARMUP = 100;
    private static final int MESSAGES = 500;

    @TempDir
    Path dir;

    @Test
    void measureH2AgainstPostgres() {
        double h2;
        double h2Fenced;
        try (HikariDataSource db = Database.open(new DatabaseSettings(
                "jdbc:h2:file:" + dir.resolve("cost") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "", "", 4))) {
            h2 = microsPerMessage(db, false);
            h2Fenced = microsPerMessage(db, true);
        }
        double pg;
        double pgFenced;
        try (HikariDataSource db = PostgresTestDatabase.open()) {
            pg = microsPerMessage(db, false);
            pgFenced = microsPerMessage(db, true);
        }
        System.out.printf("INGRESS DB COST per message (dedup contains+add, checkpoint): H2 file %.0f us,"
                + " PostgreSQL %.0f us; with the leader-epoch check: H2 %.0f us, PostgreSQL %.0f us%n",
                h2, pg, h2Fenced, pgFenced);
        assertThat(pg).isPositive();
    }

    private static double microsPerMessage(HikariDataSource db, boolean fenced) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(db, "fedmsg");
        repository.setCreateTableIfNotExists(false);
        repository.start();
        Checkpoint checkpoint = new Checkpoint(db);
        LeaderFence fence = new LeaderFence(db);
        long epoch = fence.acquire("cost");
        run(repository, checkpoint, fence, epoch, fenced, WARMUP);
        long start = System.nanoTime();
        run(repository, checkpoint, fence, epoch, fenced, MESSAGES);
        double micros = (System.nanoTime() - start) / 1000.0 / MESSAGES;
        repository.stop();
        return micros;
    }

    private static void run(JdbcMessageIdRepository repository, Checkpoint checkpoint, LeaderFence fence, long epoch,
                            boolean fenced, int count) {
        for (int i = 0; i < count; i++) {
            if (fenced && !fence.isCurrent(epoch)) {
                throw new IllegalStateException("fenced");
            }
            String msgId = "2026-" + UUID.randomUUID();
            if (!repository.contains(msgId)) {
                repository.add(msgId);
            }
            checkpoint.handled(1_700_000_000.0 + i);
            // The checkpoint is flushed by a timer (every 5 s in production), not per message;
            // one flush per 100 messages here over-counts it.
            if (i % 100 == 0) {
                checkpoint.flush();
            }
        }
    }
}
