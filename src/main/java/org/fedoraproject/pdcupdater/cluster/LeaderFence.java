package org.fedoraproject.pdcupdater.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

/**
 * A fencing token in the shared database. Each leadership gain takes the next epoch; a message is
 * only handled while the epoch in the database is still ours.
 *
 * <p>Why, when ZooKeeper already elects one leader: a leader that was paused (a long GC, a frozen
 * VM) wakes up still believing it leads, with messages buffered in its socket, and would handle
 * them a few milliseconds before its ZooKeeper client notices that its session is gone, while the
 * new leader handles the same messages. The database is what both instances share, so the check
 * is made there: the woken instance sees a newer epoch and steps down instead.
 */
public class LeaderFence {

    private static final String NAME = "pdcupdater";

    private final DataSource dataSource;

    public LeaderFence(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes the next epoch for {@code holder}; the previous holder's {@link #isCurrent} turns false. */
    public long acquire(String holder) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long epoch;
                try (PreparedStatement update = c.prepareStatement(
                        "UPDATE cluster_leader SET epoch = epoch + 1, holder = ?, acquired_at = ? WHERE name = ?")) {
                    update.setString(1, holder);
                    update.setTimestamp(2, Timestamp.from(Instant.now()));
                    update.setString(3, NAME);
                    if (update.executeUpdate() == 0) {
                        try (PreparedStatement insert = c.prepareStatement(
                                "INSERT INTO cluster_leader (name, epoch, holder, acquired_at) VALUES (?, 1, ?, ?)")) {
                            insert.setString(1, NAME);
                            insert.setString(2, holder);
                            insert.setTimestamp(3, Timestamp.from(Instant.now()));
                            insert.executeUpdate();
                        }
                    }
                }
                epoch = current(c);
                c.commit();
                return epoch;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the leader epoch: " + e.getMessage(), e);
        }
    }

    public boolean isCurrent(long epoch) {
        try (Connection c = dataSource.getConnection()) {
            return current(c) == epoch;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the leader epoch: " + e.getMessage(), e);
        }
    }

    private static long current(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT epoch FROM cluster_leader WHERE name = ?")) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
