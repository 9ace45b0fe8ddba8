package org.fedoraproject.pdcupdater.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * A fencing token in the shared database. Each leadership gain takes the next epoch; a message is
 * only handled while the epoch in the database is still ours, and the row stays locked while it is.
 *
 * <p>Why, when ZooKeeper already elects one leader: a leader that was paused (a long GC, a frozen
 * VM) wakes up still believing it leads, with messages buffered in its socket, and would handle
 * them a few milliseconds before its ZooKeeper client notices that its session is gone, while the
 * new leader handles the same messages. The database is what both instances share, so the check
 * is made there: the woken instance sees a newer epoch and steps down instead.
 *
 * <p>Checking the epoch is not enough on its own: a leader that checked it and is still handling
 * the message (waiting for PDC) would race the new leader, which replays that same message from
 * datagrepper because it is not marked handled yet. So the check is a {@link #hold}: it locks the
 * epoch row until the message is handled and marked, and {@link #acquire} (an UPDATE of that row)
 * waits for it. A new leader therefore starts only once the old one's message in hand is done; a
 * killed leader's lock goes with its connection.
 */
public class LeaderFence {

    private static final String NAME = "pdcupdater";

    private final DataSource dataSource;
    private final long lockTimeoutMillis;

    /** @param lockTimeoutMillis how long {@link #acquire} waits for the previous leader's message in hand */
    public LeaderFence(DataSource dataSource, long lockTimeoutMillis) {
        this.dataSource = dataSource;
        this.lockTimeoutMillis = lockTimeoutMillis;
    }

    /**
     * Takes the next epoch for {@code holder}; the previous holder's {@link #hold} fails from now
     * on. Waits up to the lock timeout for a message the previous holder is handling.
     *
     * @throws IllegalStateException if the previous holder still holds its message (try again later)
     */
    public long acquire(String holder) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                setLockTimeout(c);
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
                epoch = current(c, false);
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

    /** Whether {@code epoch} is still the current one (a read, no lock). */
    public boolean isCurrent(long epoch) {
        try (Connection c = dataSource.getConnection()) {
            return current(c, false) == epoch;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the leader epoch: " + e.getMessage(), e);
        }
    }

    /**
     * Locks the epoch row for one message if {@code epoch} is still current; the caller closes the
     * hold once the message is handled and marked. Empty: another instance leads now.
     */
    public Optional<Hold> hold(long epoch) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(false);
            if (current(c, true) == epoch) {
                return Optional.of(new Hold(c));
            }
            c.rollback();
            c.close();
            return Optional.empty();
        } catch (SQLException e) {
            closeQuietly(c);
            throw new IllegalStateException("cannot read the leader epoch: " + e.getMessage(), e);
        }
    }

    private void setLockTimeout(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        try (Statement s = c.createStatement()) {
            if (product.contains("postgresql")) {
                // SET LOCAL: this transaction only, the pooled connection keeps its default.
                s.execute("SET LOCAL lock_timeout = " + Math.max(1, lockTimeoutMillis));
            } else if (product.contains("h2")) {
                s.execute("SET LOCK_TIMEOUT " + Math.max(1, lockTimeoutMillis));
            }
        }
    }

    private static long current(Connection c, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT epoch FROM cluster_leader WHERE name = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // closing returns the connection to the pool, which rolls back anyway
            }
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
        }
    }

    /** The epoch row, locked while this instance handles one message. */
    public static final class Hold implements AutoCloseable {

        private final Connection connection;
        private boolean closed;

        private Hold(Connection connection) {
            this.connection = connection;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                closeQuietly(connection);
            }
        }
    }
}
