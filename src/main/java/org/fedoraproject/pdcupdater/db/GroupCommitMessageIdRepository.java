package org.fedoraproject.pdcupdater.db;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handled msg_ids in camel-sql's table ({@code CAMEL_MESSAGEPROCESSED}), written by group
 * commit instead of one transaction per message, with the recently handled ones in memory.
 *
 * <p>The contract is the one of camel-sql's {@code JdbcMessageIdRepository}, which the ingress
 * used before and which the cluster tests read from the table:
 * <ul>
 *   <li>A msg_id is marked only by {@link #add} (the idempotent consumer calls it once the message
 *       was handled, {@code eager: false}). From that call on, {@link #contains} answers true in this
 *       process. The row follows as soon as the writer thread gets to it: when the ingress is idle
 *       that is at once; under load the writer takes everything that arrived while it wrote the
 *       previous batch and writes it in one transaction. Nothing is marked before it was handled;
 *       a crash can lose the marks of the last few milliseconds, whose messages are then handled
 *       again after the restart (at-least-once, as with a crash between handling and marking).</li>
 *   <li>{@link #contains} of a msg_id this process does not know asks the database every time, so a
 *       mark written by another instance (or before a restart) is always seen. Only positive
 *       answers are cached (rows are never deleted except by {@link #remove} here): a negative
 *       answer from memory could hide another instance's mark.</li>
 *   <li>{@link #stop} writes every pending mark before it returns, so a clean restart or a
 *       leadership hand-over leaves nothing to handle twice.</li>
 * </ul>
 * If the database refuses the batch, the writer keeps the marks and retries; while it cannot
 * write, {@link #add} blocks once {@code maxPending} marks wait, which holds the ingress back
 * instead of piling up marks that a crash would lose.
 */
public class GroupCommitMessageIdRepository extends ServiceSupport implements IdempotentRepository {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitMessageIdRepository.class);
    /** SQLState of a unique-key violation, the same on H2 and PostgreSQL. */
    private static final String DUPLICATE_KEY = "23505";
    private static final int MAX_BATCH = 1000;
    private static final long STOP_TIMEOUT_MS = 30_000;

    private static final String SELECT = "SELECT 1 FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? AND messageId = ?";
    private static final String INSERT = "INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt) VALUES (?, ?, ?)";
    private static final String DELETE = "DELETE FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? AND messageId = ?";
    private static final String DELETE_ALL = "DELETE FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ?";

    private final DataSource dataSource;
    private final String processorName;
    private final int maxPending;

    private final Object lock = new Object();
    /** Handled, not yet written. */
    private final Set<String> pending = new LinkedHashSet<>();
    /** Being written by the writer thread now. */
    private Set<String> writing = Set.of();
    /** Known to be in the table (written here or found there); the oldest are forgotten first. */
    private final Map<String, Boolean> recent;
    private boolean running;
    private Thread writer;
    private final Object lookupLock = new Object();
    private Connection lookupConnection;
    private PreparedStatement lookup;

    public GroupCommitMessageIdRepository(DataSource dataSource, String processorName, int recentCapacity,
                                          int maxPending) {
        this.dataSource = dataSource;
        this.processorName = processorName;
        this.maxPending = maxPending;
        this.recent = new LinkedHashMap<>(Math.min(recentCapacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > recentCapacity;
            }
        };
    }

    @Override
    public boolean contains(String key) {
        synchronized (lock) {
            if (knownLocked(key)) {
                return true;
            }
        }
        boolean stored = stored(key);
        if (stored) {
            synchronized (lock) {
                recent.put(key, Boolean.TRUE);
            }
        }
        return stored;
    }

    @Override
    public boolean add(String key) {
        synchronized (lock) {
            if (knownLocked(key)) {
                return false;
            }
            while (running && pending.size() >= maxPending) {
                // The writer cannot keep up (database slow or down): hold the ingress back.
                waitLocked(100);
            }
            pending.add(key);
            if (!running) {
                // Stopped (or never started): nobody else will write it.
                writeNowLocked();
            }
            lock.notifyAll();
            return true;
        }
    }

    @Override
    public boolean remove(String key) {
        synchronized (lock) {
            while (writing.contains(key)) {
                waitLocked(100);
            }
            pending.remove(key);
            recent.remove(key);
        }
        return update(DELETE, key) > 0;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        synchronized (lock) {
            while (!writing.isEmpty()) {
                waitLocked(100);
            }
            pending.clear();
            recent.clear();
        }
        update(DELETE_ALL, null);
    }

    /** Marks handled here and not yet in the table (for health and tests). */
    public int pendingCount() {
        synchronized (lock) {
            return pending.size() + writing.size();
        }
    }

    @Override
    protected void doStart() {
        synchronized (lock) {
            if (running) {
                return;
            }
            running = true;
            writer = new Thread(this::writeLoop, "pdc-updater-dedup-writer-" + processorName);
            writer.setDaemon(true);
            writer.start();
        }
    }

    @Override
    protected void doStop() throws InterruptedException {
        Thread stopping;
        synchronized (lock) {
            running = false;
            stopping = writer;
            writer = null;
            lock.notifyAll();
        }
        if (stopping != null) {
            stopping.join(STOP_TIMEOUT_MS);
        }
        closeLookup();
        synchronized (lock) {
            if (!pending.isEmpty()) {
                LOG.warn("{} handled msg_ids could not be stored; those messages will be handled again after a restart",
                        pending.size());
            }
        }
    }

    private boolean knownLocked(String key) {
        return pending.contains(key) || writing.contains(key) || recent.containsKey(key);
    }

    /** Writes everything pending, batch after batch; on stop, the rest before it ends. */
    private void writeLoop() {
        long backoff = 100;
        while (true) {
            List<String> batch;
            synchronized (lock) {
                while (running && pending.isEmpty()) {
                    waitLocked(1000);
                }
                if (pending.isEmpty()) {
                    return;
                }
                batch = takeLocked();
            }
            try {
                insert(batch);
                synchronized (lock) {
                    batch.forEach(key -> recent.put(key, Boolean.TRUE));
                    writing = Set.of();
                    lock.notifyAll();
                }
                backoff = 100;
            } catch (SQLException | RuntimeException e) {
                boolean stopping;
                synchronized (lock) {
                    pending.addAll(batch);
                    writing = Set.of();
                    stopping = !running;
                    lock.notifyAll();
                }
                LOG.error("Could not store {} handled msg_ids (kept in memory, retrying): {}", batch.size(),
                        e.getMessage(), e);
                if (stopping) {
                    return;
                }
                sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private List<String> takeLocked() {
        List<String> batch = new ArrayList<>(Math.min(pending.size(), MAX_BATCH));
        Iterator<String> it = pending.iterator();
        while (it.hasNext() && batch.size() < MAX_BATCH) {
            batch.add(it.next());
            it.remove();
        }
        writing = new HashSet<>(batch);
        return batch;
    }

    /** After stop: write on the caller's thread, so a late completion still leaves its mark. */
    private void writeNowLocked() {
        List<String> batch = takeLocked();
        try {
            insert(batch);
            batch.forEach(key -> recent.put(key, Boolean.TRUE));
        } catch (SQLException e) {
            LOG.error("Could not store handled msg_ids {}: {}", batch, e.getMessage(), e);
        } finally {
            writing = Set.of();
        }
    }

    /** One transaction for the batch; if a row is there already (another writer), row by row. */
    private void insert(List<String> batch) throws SQLException {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (String key : batch) {
                    ps.setString(1, processorName);
                    ps.setString(2, key);
                    ps.setTimestamp(3, now);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (BatchUpdateException e) {
                c.rollback();
                if (!isDuplicateKey(e)) {
                    throw e;
                }
                c.setAutoCommit(true);
                insertOneByOne(c, batch, now);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private void insertOneByOne(Connection c, List<String> batch, Timestamp now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (String key : batch) {
                ps.setString(1, processorName);
                ps.setString(2, key);
                ps.setTimestamp(3, now);
                try {
                    ps.executeUpdate();
                } catch (SQLException e) {
                    if (!isDuplicateKey(e)) {
                        throw e;
                    }
                }
            }
        }
    }

    private static boolean isDuplicateKey(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (DUPLICATE_KEY.equals(s.getSQLState())) {
                return true;
            }
        }
        return e.getCause() instanceof SQLException cause && DUPLICATE_KEY.equals(cause.getSQLState());
    }

    /**
     * Looks a msg_id up on a connection kept for it, with its statement prepared once: a
     * look-up per message, so taking a pooled connection and preparing each time would double it.
     */
    private boolean stored(String key) {
        synchronized (lookupLock) {
            try {
                if (lookup == null) {
                    lookupConnection = dataSource.getConnection();
                    lookupConnection.setAutoCommit(true);
                    lookup = lookupConnection.prepareStatement(SELECT);
                }
                lookup.setString(1, processorName);
                lookup.setString(2, key);
                try (ResultSet rs = lookup.executeQuery()) {
                    return rs.next();
                }
            } catch (SQLException e) {
                // Perhaps the database restarted: the next look-up takes a fresh connection.
                closeLookup();
                throw new IllegalStateException("cannot read the handled msg_ids: " + e.getMessage(), e);
            }
        }
    }

    private void closeLookup() {
        synchronized (lookupLock) {
            try {
                if (lookupConnection != null) {
                    lookupConnection.close();
                }
            } catch (SQLException e) {
                LOG.debug("Closing the msg_id look-up connection: {}", e.getMessage());
            } finally {
                lookup = null;
                lookupConnection = null;
            }
        }
    }

    private int update(String sql, String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, processorName);
            if (key != null) {
                ps.setString(2, key);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change the handled msg_ids: " + e.getMessage(), e);
        }
    }

    private void waitLocked(long ms) {
        try {
            lock.wait(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the handled msg_ids to be stored", e);
        }
    }

    private static void sleep(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
