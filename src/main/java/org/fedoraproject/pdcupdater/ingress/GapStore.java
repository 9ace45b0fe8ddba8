package org.fedoraproject.pdcupdater.ingress;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** Sequence gaps waiting for their messages to be fetched, kept in the database so a restart does not forget them. */
public class GapStore {

    /** A stored gap and how often fetching it was tried. */
    public record PendingGap(long id, SequenceGap gap, Instant detectedAt, int attempts) {
    }

    private final DataSource dataSource;

    public GapStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void add(SequenceGap gap) {
        String sql = "INSERT INTO bus_gap (publisher, first_missing, last_missing, window_start, window_end, detected_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, gap.publisher());
            ps.setLong(2, gap.firstMissing());
            ps.setLong(3, gap.lastMissing());
            ps.setDouble(4, gap.windowStart());
            ps.setDouble(5, gap.windowEnd());
            ps.setTimestamp(6, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record sequence gap: " + e.getMessage(), e);
        }
    }

    /** Unresolved gaps detected before {@code detectedBefore}, oldest first. */
    public List<PendingGap> due(Instant detectedBefore, int maxAttempts) {
        String sql = "SELECT id, publisher, first_missing, last_missing, window_start, window_end, detected_at, attempts"
                + " FROM bus_gap WHERE resolved_at IS NULL AND detected_at <= ? AND attempts < ? ORDER BY id";
        List<PendingGap> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(detectedBefore));
            ps.setInt(2, maxAttempts);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SequenceGap gap = new SequenceGap(rs.getString(2), rs.getLong(3), rs.getLong(4),
                            rs.getDouble(5), rs.getDouble(6));
                    result.add(new PendingGap(rs.getLong(1), gap, rs.getTimestamp(7).toInstant(), rs.getInt(8)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read sequence gaps: " + e.getMessage(), e);
        }
    }

    public void resolved(long id) {
        update("UPDATE bus_gap SET resolved_at = ? WHERE id = ?", id);
    }

    public void failedAttempt(long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE bus_gap SET attempts = attempts + 1 WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update sequence gap " + id + ": " + e.getMessage(), e);
        }
    }

    private void update(String sql, long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setLong(2, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update sequence gap " + id + ": " + e.getMessage(), e);
        }
    }
}
