package org.fedoraproject.pdcupdater.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.fedoraproject.pdcupdater.db.Database;
import org.fedoraproject.pdcupdater.db.DatabaseSettings;
import org.fedoraproject.pdcupdater.db.GroupCommitMessageIdRepository;
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
 * <p>{@code mvn -B -Pbench test -Dtest=AcceptPathBench [-Dbench.messages=1000] [-Dbench.rounds=5]}. Prints;
 * asserts no timing.
 */
class AcceptPathBench {

    private static final int WARMUP = 300;
    private static final int MESSAGES = Integer.getInteger("bench.messages", 1000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);

    @TempDir
    Path dir;

    @Test
    void h2AgainstPostgreSql() {
        try (HikariDataSource h2 = Database.open(new DatabaseSettings(
                "jdbc:h2:file:" + dir.resolve("bench") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "", "", 4));
             HikariDataSource pg = PostgresTestDatabase.open()) {
            Subject[] subjects = {new Subject(h2, false), new Subject(pg, false), new Subject(h2, true), new Subject(pg, true)};
            for (Subject subject : subjects) {
                subject.run(WARMUP);
            }
            // Rounds interleave the four, so that a burst of load on this shared machine hits all alike;
            // each one's median round is reported.
            for (int round = 0; round < ROUNDS; round++) {
                for (Subject subject : subjects) {
                    subject.measure(MESSAGES);
                }
            }
            System.out.printf("ACCEPT PATH DB COST per message (median of %d rounds of %d; dedup look-up + insert,"
                            + " checkpoint): H2 file %.0f us, PostgreSQL %.0f us, ratio PostgreSQL/H2 %.2f;"
                            + " with the leader-epoch hold (cluster): H2 %.0f us, PostgreSQL %.0f us, ratio %.2f%n",
                    ROUNDS, MESSAGES, subjects[0].median(), subjects[1].median(), subjects[1].median() / subjects[0].median(),
                    subjects[2].median(), subjects[3].median(), subjects[3].median() / subjects[2].median());
            for (Subject subject : subjects) {
                subject.close();
            }
        }
    }

    /** One database, with or without the hold, and its rounds' microseconds per message. */
    private static final class Subject {
        private final GroupCommitMessageIdRepository repository;
        private final Checkpoint checkpoint;
        private final LeaderFence fence;
        private final long epoch;
        private final boolean held;
        private final List<Double> rounds = new ArrayList<>();

        Subject(HikariDataSource db, boolean held) {
            // As the ingress binds it (fedmsg.dedup-cache-size, fedmsg.dedup-max-pending defaults).
            this.repository = new GroupCommitMessageIdRepository(db, "fedmsg", 50_000, 10_000);
            repository.start();
            this.checkpoint = new Checkpoint(db);
            this.fence = new LeaderFence(db, 1000);
            this.epoch = held ? fence.acquire("bench") : 0;
            this.held = held;
        }

        void run(int count) {
            AcceptPathBench.run(repository, checkpoint, fence, epoch, held, count);
        }

        void measure(int count) {
            long start = System.nanoTime();
            run(count);
            rounds.add((System.nanoTime() - start) / 1000.0 / count);
        }

        double median() {
            List<Double> sorted = rounds.stream().sorted().toList();
            return sorted.get(sorted.size() / 2);
        }

        void close() {
            repository.stop();
        }
    }

    private static void run(GroupCommitMessageIdRepository repository, Checkpoint checkpoint, LeaderFence fence, long epoch,
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
