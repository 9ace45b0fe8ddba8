package org.fedoraproject.pdcupdater.db;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

import org.apache.camel.Exchange;
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
 *       answers are cached (rows are deleted only by {@link #remove}, {@link #clear} and
 *       {@link #prune}, of messages no replay brings back): a negative answer from memory could hide
 *       another instance's mark.</li>
 *   <li>{@link #stop} writes every pending mark before it returns, so a clean restart or a
 *       leadership hand-over leaves nothing to handle twice.</li>
 * </ul>
 * The database look-up may also be made ahead, off the one in-order thread ({@link #lookAhead});
 * see there why its answer stays good.
 *
 * <p>If the database refuses the batch, the writer keeps the marks and retries; while it cannot
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
    /** Old marks a chunk at a time: one transaction per chunk, however many a first prune finds. */
    private static final int PRUNE_CHUNK = 10_000;
    private static final String PRUNE = "DELETE FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? AND messageId IN "
            + "(SELECT messageId FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? AND createdAt < ? FETCH FIRST "
            + PRUNE_CHUNK + " ROWS ONLY)";

    private final DataSource dataSource;
    private final String processorName;
    private final int maxPending;
    private final int recentCapacity;

    private final Object lock = new Object();
    /** Handled, not yet written. */
    private final Set<String> pending = new LinkedHashSet<>();
    /** Being written by the writer thread now. */
    private Set<String> writing = Set.of();
    /** Known to be in the table (written here or found there); the oldest are forgotten first. */
    private final Map<String, Boolean> recent;
    /** How many times a msg_id was put into {@link #recent} (the bound on what it may have forgotten since). */
    private long recentPuts;
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
        this.recentCapacity = recentCapacity;
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
                putRecentLocked(key);
            }
        }
        return stored;
    }

    /** The exchange property that carries a {@link #lookAhead} to {@link #contains(Exchange, String)}. */
    public static final String LOOKUP_PROPERTY = "PdcUpdaterMsgIdLookup";

    /**
     * The database half of {@link #contains}, made ahead on another thread (the verify threads) so
     * that the one in-order thread only checks memory. {@link #contains(Exchange, String)} uses it
     * when the exchange carries it in {@link #LOOKUP_PROPERTY}.
     *
     * <p>Why the answer stays good until the in-order thread gets to the message:
     * <ul>
     *   <li>"Marked" is final: rows are only deleted by an operator ({@link #remove}, {@link #clear})
     *       and when no replay can bring their message back any more ({@link #prune}).</li>
     *   <li>"Not marked" can only be made wrong by a mark written after the look-up. This process's
     *       own marks are in memory from {@link #add} on (pending, then being written, then recent),
     *       and {@code recentPuts} is read before the query: if fewer msg_ids than the cache holds
     *       were put into it since, none put since was forgotten, so memory still answers for them
     *       all; otherwise the in-order thread asks the database again.</li>
     *   <li>Another instance's marks: {@code term} is the leader epoch (cluster.Leadership), read
     *       before the query; a look-up made under another epoch than the current one is not used.
     *       Within one epoch no other instance handles a message (Leadership.admit holds the epoch
     *       row in cluster.LeaderFence, which a newer leader's UPDATE waits for; a standby's bus
     *       route is stopped). A previous leader may still be writing the marks of messages it
     *       handled before this epoch began (its writer is behind, or it was paused): the caller
     *       therefore looks ahead only for live bus messages, which this instance subscribed to
     *       after it took the epoch, so the previous leader cannot have handled them. Replayed
     *       messages (backlog, gaps: older ones the previous leader may have handled) are looked
     *       up on the in-order thread as before.</li>
     * </ul>
     */
    public Lookup lookAhead(String key, LongSupplier term) {
        long termAtLookup = term.getAsLong();
        long putsBefore;
        synchronized (lock) {
            if (knownLocked(key)) {
                return new Lookup(key, true, recentPuts, termAtLookup, term);
            }
            putsBefore = recentPuts;
        }
        return new Lookup(key, contains(key), putsBefore, termAtLookup, term);
    }

    /** {@link #contains(String)}, with the database look-up made ahead when the exchange carries one. */
    @Override
    public boolean contains(Exchange exchange, String key) {
        Lookup ahead = exchange.getProperty(LOOKUP_PROPERTY, Lookup.class);
        if (ahead == null || !ahead.key().equals(key) || ahead.term().getAsLong() != ahead.termAtLookup()) {
            return contains(key);
        }
        if (ahead.stored()) {
            return true;
        }
        synchronized (lock) {
            if (knownLocked(key)) {
                return true;
            }
            if (recentPuts - ahead.recentPutsBefore() < recentCapacity) {
                return false;
            }
        }
        return contains(key);
    }

    /** A database look-up made ahead: whether {@code key} was stored, and what memory looked like then. */
    public record Lookup(String key, boolean stored, long recentPutsBefore, long termAtLookup, LongSupplier term) {
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

    /**
     * Deletes the marks written before {@code cutoff}, a chunk per transaction. Only for marks no
     * replay can bring back (ingress.HandledMessageRetention says how old that is): a message
     * handled again after its mark was pruned would be handled twice.
     *
     * @return how many marks were deleted
     */
    public long prune(Instant cutoff) {
        long deleted = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(PRUNE)) {
            c.setAutoCommit(true);
            ps.setString(1, processorName);
            ps.setString(2, processorName);
            ps.setTimestamp(3, Timestamp.from(cutoff));
            int chunk;
            do {
                chunk = ps.executeUpdate();
                deleted += chunk;
            } while (chunk == PRUNE_CHUNK);
            return deleted;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prune the handled msg_ids (" + deleted + " deleted before): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Waits until the mark of {@code key}, if it is being or waiting to be written, is in the table.
     *
     * @return false when it still was not after {@code timeoutMillis} (the database is slow or away)
     */
    public boolean awaitStored(String key, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (lock) {
            while (pending.contains(key) || writing.contains(key)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                waitLocked(Math.min(left, 100));
            }
            return true;
        }
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

    private void putRecentLocked(String key) {
        recent.put(key, Boolean.TRUE);
        recentPuts++;
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
                    batch.forEach(this::putRecentLocked);
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
            batch.forEach(this::putRecentLocked);
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
