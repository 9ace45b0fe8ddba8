package org.fedoraproject.pdcupdater.ingress;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

/**
 * Remembers the publish time of the newest handled message, which is where the backlog replay
 * starts after a restart.
 *
 * <p>It is written to the database by a timer, not per message: the replay starts a safety
 * margin earlier anyway and the idempotent repository drops what was already handled, so a
 * checkpoint a few seconds old loses nothing and saves a write per message.
 */
public class Checkpoint {

    private static final String NAME = "bus";

    private final DataSource dataSource;
    private final AtomicReference<Double> newest = new AtomicReference<>();
    private volatile Double flushed;

    public Checkpoint(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void handled(double messageTimestamp) {
        newest.accumulateAndGet(messageTimestamp, (a, b) -> a == null || b > a ? b : a);
    }

    /** The newest handled message time, seen in memory since start or stored earlier. */
    public OptionalDouble lastHandled() {
        Double inMemory = newest.get();
        if (inMemory != null) {
            return OptionalDouble.of(inMemory);
        }
        return stored();
    }

    public void flush() {
        Double value = newest.get();
        if (value == null || value.equals(flushed)) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE ingress_checkpoint SET message_timestamp = ?, updated_at = ? WHERE name = ? AND message_timestamp < ?")) {
                update.setDouble(1, value);
                update.setTimestamp(2, Timestamp.from(Instant.now()));
                update.setString(3, NAME);
                update.setDouble(4, value);
                if (update.executeUpdate() == 0 && stored(c).isEmpty()) {
                    try (PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO ingress_checkpoint (name, message_timestamp, updated_at) VALUES (?, ?, ?)")) {
                        insert.setString(1, NAME);
                        insert.setDouble(2, value);
                        insert.setTimestamp(3, Timestamp.from(Instant.now()));
                        insert.executeUpdate();
                    }
                }
            }
            c.commit();
            flushed = value;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store ingress checkpoint: " + e.getMessage(), e);
        }
    }

    private OptionalDouble stored() {
        try (Connection c = dataSource.getConnection()) {
            return stored(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read ingress checkpoint: " + e.getMessage(), e);
        }
    }

    private static OptionalDouble stored(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT message_timestamp FROM ingress_checkpoint WHERE name = ?")) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalDouble.of(rs.getDouble(1)) : OptionalDouble.empty();
            }
        }
    }
}
