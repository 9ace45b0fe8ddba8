package org.fedoraproject.pdcupdater.reconcile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

import org.fedoraproject.pdcupdater.handler.InitializeResult;

/**
 * The {@code initialize_run} table: which handlers a bulk initialize has finished. An
 * interrupted {@code initialize} skips the finished ones when run again; the one it was in is
 * started over, which is safe because a handler's initialize only adds what is missing.
 */
public class InitializeLedger {

    private final DataSource dataSource;

    public InitializeLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean isFinished(String handler) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT finished_at FROM initialize_run WHERE handler = ? AND finished_at IS NOT NULL")) {
            ps.setString(1, handler);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read initialize_run: " + e.getMessage(), e);
        }
    }

    public void started(String handler) {
        update("DELETE FROM initialize_run WHERE handler = ?", handler);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO initialize_run (handler, started_at) VALUES (?, ?)")) {
            ps.setString(1, handler);
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write initialize_run: " + e.getMessage(), e);
        }
    }

    public void finished(InitializeResult result) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE initialize_run SET finished_at = ?, examined = ?,"
                     + " written = ? WHERE handler = ?")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setLong(2, result.examined());
            ps.setLong(3, result.written());
            ps.setString(4, result.handler());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write initialize_run: " + e.getMessage(), e);
        }
    }

    /** Forgets every finished handler, so the next initialize runs them all again. */
    public void reset() {
        update("DELETE FROM initialize_run");
    }

    private void update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write initialize_run: " + e.getMessage(), e);
        }
    }
}
