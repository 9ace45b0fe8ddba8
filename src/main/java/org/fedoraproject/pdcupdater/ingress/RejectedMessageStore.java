package org.fedoraproject.pdcupdater.ingress;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Keeps every message that was not accepted, raw bytes and reason, so nothing that came over the
 * bus is dropped silently. Raw bytes are capped: a hostile 50 MB message is recorded by its size
 * and first bytes, not kept whole.
 */
public class RejectedMessageStore {

    static final int MAX_STORED_BYTES = 1024 * 1024;
    private static final int MAX_DETAIL = 2000;

    private final DataSource dataSource;

    public RejectedMessageStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long store(String source, String topic, String msgId, String reason, String detail, byte[] raw) {
        byte[] kept = raw == null ? new byte[0] : raw.length > MAX_STORED_BYTES ? Arrays.copyOf(raw, MAX_STORED_BYTES) : raw;
        String sql = "INSERT INTO rejected_message (received_at, source, topic, msg_id, reason, detail, raw_size, raw)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setString(2, source);
            ps.setString(3, truncate(topic, 512));
            ps.setString(4, truncate(msgId, 255));
            ps.setString(5, reason);
            ps.setString(6, truncate(detail == null ? reason : detail, MAX_DETAIL));
            ps.setLong(7, raw == null ? 0 : raw.length);
            ps.setBytes(8, kept);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record rejected message: " + e.getMessage(), e);
        }
    }

    /** Newest first. */
    public List<RejectedMessage> list(int limit) {
        String sql = "SELECT id, received_at, source, topic, msg_id, reason, detail, raw_size FROM rejected_message"
                + " ORDER BY id DESC";
        List<RejectedMessage> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new RejectedMessage(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list rejected messages: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes what was rejected more than {@code keepSeconds} ago: an operator looks at rejections
     * within days (the counter and the log said so at once), and each row keeps up to 1 MiB.
     *
     * @return how many were deleted
     */
    public int forgetOlderThan(long keepSeconds) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM rejected_message WHERE received_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(keepSeconds)));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot forget old rejected messages: " + e.getMessage(), e);
        }
    }

    public Optional<byte[]> raw(long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT raw FROM rejected_message WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read rejected message " + id + ": " + e.getMessage(), e);
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
