package org.fedoraproject.pdcupdater.console.jmx;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.fedoraproject.pdcupdater.reconcile.DeadLetter;
import org.fedoraproject.pdcupdater.reconcile.DeadLetterStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The dead-letter store as an operator sees it in Hawtio. */
public class DeadLetters implements DeadLettersMXBean {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final int NEWEST = 20;

    private final DeadLetterStore store;
    private final DataSource dataSource;

    public DeadLetters(DeadLetterStore store, DataSource dataSource) {
        this.store = store;
        this.dataSource = dataSource;
    }

    @Override
    public long getPendingCount() {
        return store.count(DeadLetter.Status.PENDING);
    }

    @Override
    public long getNeedsPersonCount() {
        return store.count(DeadLetter.Status.NEEDS_PERSON);
    }

    @Override
    public long getDiscardedCount() {
        return store.count(DeadLetter.Status.DISCARDED);
    }

    @Override
    public long getResolvedCount() {
        return store.count(DeadLetter.Status.RESOLVED);
    }

    @Override
    public List<String> getNewest() {
        return store.list(Instant.EPOCH, NEWEST, DeadLetter.Status.PENDING, DeadLetter.Status.NEEDS_PERSON).stream()
                .map(d -> "#" + d.id() + " " + d.status() + " handler=" + d.handler() + " topic=" + d.topic()
                        + " msg_id=" + d.msgId() + " attempts=" + d.attempts() + " last=" + d.lastFailure()
                        + " reason=" + d.reason())
                .toList();
    }

    @Override
    public String retry(long id) {
        Optional<DeadLetter> entry = open(id);
        if (entry.isEmpty()) {
            return "no open dead letter #" + id;
        }
        // The store has no "due now" call yet; this is its row, made due now and pending again, so that
        // reconciliation (which replays PENDING entries whose next_attempt has passed) takes it on its next run.
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE dead_letter SET status = ?, next_attempt = ? WHERE id = ?")) {
            ps.setString(1, DeadLetter.Status.PENDING.name());
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setLong(3, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make dead letter #" + id + " due: " + e.getMessage(), e);
        }
        LOG.info("Dead letter #{} ({} on {}) made due now from the console", id, entry.get().handler(),
                entry.get().msgId());
        return "dead letter #" + id + " will be replayed by the next reconciliation run";
    }

    @Override
    public String discard(long id) {
        Optional<DeadLetter> entry = open(id);
        if (entry.isEmpty()) {
            return "no open dead letter #" + id;
        }
        store.setStatus(id, DeadLetter.Status.DISCARDED);
        LOG.info("Dead letter #{} ({} on {}) discarded from the console", id, entry.get().handler(),
                entry.get().msgId());
        return "dead letter #" + id + " discarded";
    }

    private Optional<DeadLetter> open(long id) {
        return store.get(id).filter(d -> d.status() == DeadLetter.Status.PENDING
                || d.status() == DeadLetter.Status.NEEDS_PERSON);
    }
}
