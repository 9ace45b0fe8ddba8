package org.fedoraproject.pdcupdater.cluster;

import java.nio.file.Path;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.fedoraproject.pdcupdater.db.Database;
import org.fedoraproject.pdcupdater.db.DatabaseSettings;
import org.fedoraproject.pdcupdater.db.PostgresTestDatabase;
import org.fedoraproject.pdcupdater.ingress.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the database costs per message on the accept path, H2 file (the embedded default) against
 * PostgreSQL (production), in the same run: the idempotent repository's look-up and insert (what
 * {@code fedmsg-accept} does with {@code eager: false}), the checkpoint (in memory per message, one
 * flush per 100 here, every 5 s in production) and, for a cluster, the leader-epoch hold
 * ({@link LeaderFence#hold}: a locking read in a transaction of its own, released after the mark).
 *
 * <p>{@code mvn -B -Pbench test -Dtest=AcceptPathBench [-Dbench.messages=2000]}. Prints; asserts no timing.
 */
class AcceptPathBench {

    private static final int WARMUP = 300;
    private static final int MESSAGES = Integer.getInteger("bench.messages", 2000);

    @TempDir
    Path dir;

    @Test
    void h2AgainstPostgreSql() {
        double h2;
        double h2Held;
        try (HikariDataSource db = Database.open(new DatabaseSettings(
                "jdbc:h2:file:" + dir.resolve("bench") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "", "", 4))) {
            h2 = microsPerMessage(db, false);
            h2Held = microsPerMessage(db, true);
        }
        double pg;
        double pgHeld;
        try (HikariDataSource db = PostgresTestDatabase.open()) {
            pg = microsPerMessage(db, false);
            pgHeld = microsPerMessage(db, true);
        }
        System.out.printf("ACCEPT PATH DB COST per message (%d messages; dedup look-up + insert, checkpoint):"
                        + " H2 file %.0f us, PostgreSQL %.0f us, ratio PostgreSQL/H2 %.2f;"
                        + " with the leader-epoch hold (cluster): H2 %.0f us, PostgreSQL %.0f us, ratio %.2f%n",
                MESSAGES, h2, pg, pg / h2, h2Held, pgHeld, pgHeld / h2Held);
    }

    private static double microsPerMessage(HikariDataSource db, boolean held) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(db, "fedmsg");
        repository.setCreateTableIfNotExists(false);
        repository.start();
        Checkpoint checkpoint = new Checkpoint(db);
        LeaderFence fence = new LeaderFence(db, 1000);
        long epoch = fence.acquire("bench");
        run(repository, checkpoint, fence, epoch, held, WARMUP);
        long start = System.nanoTime();
        run(repository, checkpoint, fence, epoch, held, MESSAGES);
        double micros = (System.nanoTime() - start) / 1000.0 / MESSAGES;
        repository.stop();
        return micros;
    }

    private static void run(JdbcMessageIdRepository repository, Checkpoint checkpoint, LeaderFence fence, long epoch,
                            boolean held, int count) {
        for (int i = 0; i < count; i++) {
            LeaderFence.Hold hold = held ? fence.hold(epoch).orElseThrow() : null;
            String msgId = "2026-" + UUID.randomUUID();
            if (!repository.contains(msgId)) {
                repository.add(msgId);
            }
            checkpoint.handled(1_700_000_000.0 + i);
            if (i % 100 == 0) {
                checkpoint.flush();
            }
            if (hold != null) {
                hold.close();
            }
        }
    }
}
