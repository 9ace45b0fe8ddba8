package org.fedoraproject.pdcupdater.sandbox.resources;

import org.fedoraproject.pdcupdater.sandbox.db.DbException;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * Holds manifest entries in the import_rpm_stage table when they arrive before what is needed to link them (a body
 * whose composeinfo follows the manifest, or a manifest whose payload.compose follows its rpms), then replays them
 * once the compose is known. Rows live only inside the importing transaction. Memory use is one JDBC batch.
 */
final class StagedRpms implements Consumer<ManifestRpm>, AutoCloseable {
    private static final int BATCH = 2_000;

    private final Tx tx;
    private final long importId;
    private final PreparedStatement insert;
    private int pending;

    StagedRpms(Tx tx) {
        this.tx = tx;
        this.importId = tx.longValue("SELECT NEXT VALUE FOR import_ids");
        this.insert = tx.prepare("INSERT INTO import_rpm_stage (import_id, variant_uid, arch, srpm_nevra, name, epoch, version, "
                + "release, rpm_arch, srpm_name, filename, dir, sigkey, category) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    @Override
    public void accept(ManifestRpm e) {
        Nevra n = e.rpm();
        try {
            Tx.bind(insert, importId, e.variant(), e.arch(), e.srpmKey(), n.name(), n.epoch(), n.version(), n.release(),
                    n.arch(), e.srpmName(), e.filename(), e.dir(), e.sigkey(), e.category());
            insert.addBatch();
            if (++pending >= BATCH) flush();
        } catch (SQLException ex) {
            throw new DbException(ex);
        }
    }

    private void flush() {
        if (pending == 0) return;
        try {
            insert.executeBatch();
            pending = 0;
        } catch (SQLException e) {
            throw new DbException(e);
        }
    }

    /** Hands every staged entry to {@code sink} (grouped by variant and arch), then drops the rows. */
    void replay(Consumer<ManifestRpm> sink) {
        flush();
        try (PreparedStatement ps = tx.prepare("SELECT variant_uid, arch, srpm_nevra, srpm_name, name, epoch, version, release, "
                + "rpm_arch, dir, filename, sigkey, category FROM import_rpm_stage WHERE import_id = ?")) {
            ps.setLong(1, importId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(new ManifestRpm(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            new Nevra(rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8), rs.getString(9)),
                            rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13)));
                }
            }
        } catch (SQLException e) {
            throw new DbException(e);
        }
        tx.update("DELETE FROM import_rpm_stage WHERE import_id = ?", importId);
    }

    @Override
    public void close() {
        try {
            insert.close();
        } catch (SQLException ignored) {
            // closing a statement of a transaction that is being rolled back
        }
    }
}
