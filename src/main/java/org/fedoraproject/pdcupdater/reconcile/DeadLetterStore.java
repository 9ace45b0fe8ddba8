package org.fedoraproject.pdcupdater.reconcile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

import javax.sql.DataSource;

/**
 * The durable dead-letter store: one row per (message, handler) that failed, whatever the
 * database. A second failure of the same pair updates the row (attempts, last failure, next
 * attempt), so a message that keeps failing is one entry, not thousands.
 */
public class DeadLetterStore {

    private static final String COLUMNS = "id, msg_id, topic, handler, raw_message, reason, exception_class, permanent,"
            + " attempts, first_failure, last_failure, next_attempt, status";
    private static final int MAX_REASON = 2000;

    private final DataSource dataSource;

    public DeadLetterStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records a failure with a fixed wait before the next attempt; returns the entry's id. */
    public long recordFailure(String msgId, String topic, String handler, String rawMessage, String reason,
                              String exceptionClass, boolean permanent, Duration retryAfter) {
        return recordFailure(msgId, topic, handler, rawMessage, reason, exceptionClass, permanent, attempts -> retryAfter);
    }

    /**
     * Records a failure; the wait before the next attempt is chosen from the entry's attempt
     * count (1 for a first failure). Returns the entry's id.
     */
    public long recordFailure(String msgId, String topic, String handler, String rawMessage, String reason,
                              String exceptionClass, boolean permanent, IntFunction<Duration> retryAfter) {
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<DeadLetter> existing = find(c, msgId, handler);
                long id;
                if (existing.isPresent()) {
                    id = existing.get().id();
                    try (PreparedStatement ps = c.prepareStatement("UPDATE dead_letter SET reason = ?, exception_class = ?,"
                            + " permanent = ?, attempts = attempts + 1, last_failure = ?, next_attempt = ?, status = ?,"
                            + " closed_at = NULL WHERE id = ?")) {
                        ps.setString(1, truncate(reason));
                        ps.setString(2, exceptionClass);
                        ps.setBoolean(3, permanent);
                        ps.setTimestamp(4, Timestamp.from(now));
                        ps.setTimestamp(5, Timestamp.from(now.plus(retryAfter.apply(existing.get().attempts() + 1))));
                        ps.setString(6, DeadLetter.Status.PENDING.name());
                        ps.setLong(7, id);
                        ps.executeUpdate();
                    }
                } else {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO dead_letter (msg_id, topic, handler,"
                            + " raw_message, reason, exception_class, permanent, attempts, first_failure, last_failure,"
                            + " next_attempt, status) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)", new String[] {"id"})) {
                        ps.setString(1, msgId);
                        ps.setString(2, topic);
                        ps.setString(3, handler);
                        ps.setString(4, rawMessage);
                        ps.setString(5, truncate(reason));
                        ps.setString(6, exceptionClass);
                        ps.setBoolean(7, permanent);
                        ps.setTimestamp(8, Timestamp.from(now));
                        ps.setTimestamp(9, Timestamp.from(now));
                        ps.setTimestamp(10, Timestamp.from(now.plus(retryAfter.apply(1))));
                        ps.setString(11, DeadLetter.Status.PENDING.name());
                        ps.executeUpdate();
                        try (ResultSet keys = ps.getGeneratedKeys()) {
                            keys.next();
                            id = keys.getLong(1);
                        }
                    }
                }
                c.commit();
                return id;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record dead letter for " + msgId + ": " + e.getMessage(), e);
        }
    }

    /** Pending entries whose next attempt is due, oldest first. */
    public List<DeadLetter> due(Instant now, int limit) {
        return query("SELECT " + COLUMNS + " FROM dead_letter WHERE status = ? AND next_attempt <= ? ORDER BY id",
                limit, DeadLetter.Status.PENDING.name(), Timestamp.from(now));
    }

    /** Entries in the given statuses (all when none given), newest failure first. */
    public List<DeadLetter> list(Instant since, int limit, DeadLetter.Status... statuses) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM dead_letter WHERE last_failure >= ?");
        List<Object> args = new ArrayList<>();
        args.add(Timestamp.from(since));
        if (statuses.length > 0) {
            sql.append(" AND status IN (");
            for (int i = 0; i < statuses.length; i++) {
                sql.append(i == 0 ? "?" : ", ?");
                args.add(statuses[i].name());
            }
            sql.append(')');
        }
        sql.append(" ORDER BY last_failure DESC, id DESC");
        return query(sql.toString(), limit, args.toArray());
    }

    public Optional<DeadLetter> get(long id) {
        return query("SELECT " + COLUMNS + " FROM dead_letter WHERE id = ?", 1, id).stream().findFirst();
    }

    public long count(DeadLetter.Status status) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM dead_letter WHERE status = ?")) {
            ps.setString(1, status.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count dead letters: " + e.getMessage(), e);
        }
    }

    public void setStatus(long id, DeadLetter.Status status) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE dead_letter SET status = ?, closed_at = ? WHERE id = ?")) {
            ps.setString(1, status.name());
            ps.setTimestamp(2, closedAt(status));
            ps.setLong(3, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update dead letter " + id + ": " + e.getMessage(), e);
        }
    }

    /** Every entry of one message (one per handler that failed on it), oldest first. */
    public List<DeadLetter> byMsgId(String msgId) {
        return query("SELECT " + COLUMNS + " FROM dead_letter WHERE msg_id = ? ORDER BY id", Integer.MAX_VALUE, msgId);
    }

    /**
     * Moves an entry to {@code status} only if it is still in {@code expected}: a replay that
     * succeeded must not overwrite an operator's discard made meanwhile.
     *
     * @return whether the entry was changed
     */
    public boolean changeStatus(long id, DeadLetter.Status expected, DeadLetter.Status status) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE dead_letter SET status = ?, closed_at = ? WHERE id = ? AND status = ?")) {
            ps.setString(1, status.name());
            ps.setTimestamp(2, closedAt(status));
            ps.setLong(3, id);
            ps.setString(4, expected.name());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update dead letter " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the entries resolved or discarded more than {@code keepClosedSeconds} ago: they are
     * history (the message was applied or an operator let it go), and each keeps its raw message.
     *
     * @return how many were deleted
     */
    public int forgetClosed(long keepClosedSeconds) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM dead_letter WHERE closed_at < ? AND status IN ('RESOLVED', 'DISCARDED')")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(keepClosedSeconds)));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot forget closed dead letters: " + e.getMessage(), e);
        }
    }

    private static Timestamp closedAt(DeadLetter.Status status) {
        boolean closed = status == DeadLetter.Status.RESOLVED || status == DeadLetter.Status.DISCARDED;
        return closed ? Timestamp.from(Instant.now()) : null;
    }

    private static Optional<DeadLetter> find(Connection c, String msgId, String handler) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM dead_letter WHERE msg_id = ? AND handler = ? FOR UPDATE")) {
            ps.setString(1, msgId);
            ps.setString(2, handler);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private List<DeadLetter> query(String sql, int limit, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.setMaxRows(limit);
            List<DeadLetter> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(read(rs));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read dead letters: " + e.getMessage(), e);
        }
    }

    private static DeadLetter read(ResultSet rs) throws SQLException {
        return new DeadLetter(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getInt(9), rs.getTimestamp(10).toInstant(),
                rs.getTimestamp(11).toInstant(), rs.getTimestamp(12).toInstant(),
                DeadLetter.Status.valueOf(rs.getString(13)));
    }

    private static String truncate(String reason) {
        String r = reason == null ? "" : reason;
        return r.length() <= MAX_REASON ? r : r.substring(0, MAX_REASON);
    }
}
