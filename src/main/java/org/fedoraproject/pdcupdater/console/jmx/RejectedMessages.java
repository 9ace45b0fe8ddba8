package org.fedoraproject.pdcupdater.console.jmx;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.fedoraproject.pdcupdater.ingress.RejectedMessageStore;

/** The rejected-message store as an operator sees it in Hawtio. */
public class RejectedMessages implements RejectedMessagesMXBean {

    private static final int NEWEST = 20;

    private final RejectedMessageStore store;
    private final DataSource dataSource;

    public RejectedMessages(RejectedMessageStore store, DataSource dataSource) {
        this.store = store;
        this.dataSource = dataSource;
    }

    @Override
    public long getTotal() {
        return getCountsByReason().values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public Map<String, Long> getCountsByReason() {
        // Counted in the table (durable), not from the pdcupdater_messages_rejected_total counters (since start).
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT reason, COUNT(*) FROM rejected_message GROUP BY reason"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count rejected messages: " + e.getMessage(), e);
        }
        return counts;
    }

    @Override
    public List<String> getNewest() {
        return store.list(NEWEST).stream()
                .map(r -> "#" + r.id() + " " + r.receivedAt() + " reason=" + r.reason() + " source=" + r.source()
                        + " topic=" + r.topic() + " msg_id=" + r.msgId() + " size=" + r.rawSize()
                        + " detail=" + r.detail())
                .toList();
    }
}
