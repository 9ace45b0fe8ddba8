package org.fedoraproject.pdcupdater.sandbox.resources;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import org.fedoraproject.pdcupdater.sandbox.compose.RpmsManifestWriter;
import org.fedoraproject.pdcupdater.sandbox.db.Database;
import org.fedoraproject.pdcupdater.sandbox.db.DbException;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.testsupport.ProcessCpu;

/**
 * For benchmarks: the least a compose-rpms import of a manifest can cost the PDC sandbox's database. It writes the
 * rows such an import must leave (an {@code rpms} row per distinct RPM, a {@code compose_rpms} row per entry) into
 * an empty sandbox database with nothing else: no HTTP, no JSON, no look-ups (ids are counted in memory), the same
 * batch and commit sizes as {@link ComposeRpmLinker}. No importer, however fast, gets a manifest into the sandbox
 * faster than this.
 */
public final class SandboxStorageFloor {
    private static final int BATCH = 1_000;
    private static final int COMMIT_EVERY = 20_000;
    private static final long IMPORT_ID = 1;

    /** Wall and CPU seconds (all of this JVM's threads: H2 writes from a background thread too) and rows written. */
    public record Result(double seconds, double cpuSeconds, long rpms, long links) {
    }

    private SandboxStorageFloor() {
    }

    /** Stores the rows of {@code spec}'s manifest into a new sandbox database at {@code jdbcUrl}. */
    public static Result measure(String jdbcUrl, RpmsManifestWriter.Spec spec) {
        try (Database db = new Database(jdbcUrl)) {
            long cpu0 = ProcessCpu.nanos();
            long t0 = System.nanoTime();
            long[] rows = db.write(tx -> {
                try (Rows writer = new Rows(tx.connection())) {
                    RpmsManifestWriter.forEachEntry(spec, writer::add);
                    writer.flush();
                    return new long[] {writer.rpmIds.size(), writer.links};
                } catch (SQLException e) {
                    throw new DbException(e);
                }
            });
            return new Result((System.nanoTime() - t0) / 1e9, (ProcessCpu.nanos() - cpu0) / 1e9, rows[0], rows[1]);
        }
    }

    /** The two batched inserts; ids of RPMs, variant/arches and paths handed out in memory. */
    private static final class Rows implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement rpm;
        private final PreparedStatement link;
        private final Map<String, Long> rpmIds = new HashMap<>();
        private final Map<String, Long> variantArchIds = new HashMap<>();
        private final Map<String, Long> pathIds = new HashMap<>();
        private final Map<String, Long> categoryIds = Map.of("binary", 1L, "debug", 2L, "source", 3L);
        private int pendingRpms;
        private int pendingLinks;
        private long links;

        Rows(Connection connection) throws SQLException {
            this.connection = connection;
            this.rpm = connection.prepareStatement("INSERT INTO rpms (id, name, epoch, version, release, arch, srpm_name, "
                    + "srpm_nevra, filename, import_pk) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            this.link = connection.prepareStatement("INSERT INTO compose_rpms (variant_arch_pk, rpm_pk, "
                    + "content_category_pk, sigkey_pk, path_pk, import_pk) VALUES (?, ?, ?, ?, ?, ?)");
        }

        void add(RpmsManifestWriter.Entry e) {
            try {
                int slash = e.path().lastIndexOf('/');
                Long rpmId = rpmIds.get(e.nevra());
                if (rpmId == null) {
                    rpmId = rpmIds.size() + 1L;
                    rpmIds.put(e.nevra(), rpmId);
                    Nevra n = Nevra.parse(e.nevra());
                    String file = e.path().substring(slash + 1);
                    boolean source = "src".equals(n.arch());
                    Tx.bind(rpm, rpmId, n.name(), n.epoch(), n.version(), n.release(), n.arch(),
                            Nevra.parse(e.srpm()).name(), source ? null : e.srpm(), file, IMPORT_ID);
                    rpm.addBatch();
                    pendingRpms++;
                }
                long va = variantArchIds.computeIfAbsent(e.variant() + "/" + e.arch(), k -> variantArchIds.size() + 1L);
                long path = pathIds.computeIfAbsent(e.path().substring(0, slash), k -> pathIds.size() + 1L);
                Tx.bind(link, va, rpmId, categoryIds.get(e.category()), e.sigkey() == null ? null : 1L, path, IMPORT_ID);
                link.addBatch();
                pendingLinks++;
                links++;
                if (pendingLinks >= BATCH) {
                    flush();
                }
                if (links % COMMIT_EVERY == 0) {
                    connection.commit();
                }
            } catch (SQLException ex) {
                throw new DbException(ex);
            }
        }

        /** RPMs first: the links' foreign key needs them. */
        void flush() throws SQLException {
            if (pendingRpms > 0) {
                rpm.executeBatch();
                pendingRpms = 0;
            }
            if (pendingLinks > 0) {
                link.executeBatch();
                pendingLinks = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            rpm.close();
            link.close();
        }
    }
}
