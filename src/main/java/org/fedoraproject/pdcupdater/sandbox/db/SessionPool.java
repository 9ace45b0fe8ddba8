package org.fedoraproject.pdcupdater.sandbox.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's open H2 connections (each an H2 session), one lent per transaction. Not H2's
 * {@code JdbcConnectionPool}: that one rolls a connection back when it is returned and again when it is lent, and
 * H2 empties a session's query cache on every rollback, so every request parsed and planned its statements afresh
 * (about a fifth of the sandbox's time when paging through a million rpms). {@link Database} ends each transaction
 * with a commit or a rollback itself, so a connection comes back clean; one that may not be is closed instead.
 */
final class SessionPool implements AutoCloseable {
    /** H2's driver itself, not looked up through DriverManager (the shaded jar's service files need not list it). */
    private static final org.h2.Driver H2 = org.h2.Driver.load();

    private final String url;
    private final Semaphore lent;
    private final long waitNanos;
    /** Most recently returned first: its session's query cache is the warmest. */
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    /**
     * @param max  connections lent at once (H2's pool had the same cap)
     * @param wait how long a borrower waits for one before failing as H2's pool does
     */
    SessionPool(String url, int max, long wait, TimeUnit unit) {
        this.url = url;
        this.lent = new Semaphore(max, true);
        this.waitNanos = unit.toNanos(wait);
    }

    /** A connection for one transaction; hand it back with {@link #giveBack}. */
    Connection lend() throws SQLException {
        try {
            if (!lent.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
                throw new SQLException("Login timeout", "08001", 8001);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a sandbox database connection", "08001", e);
        }
        try {
            if (closed) {
                throw new IllegalStateException("the sandbox database is closed");
            }
            Connection c = idle.pollFirst();
            return c != null ? c : open();
        } catch (SQLException | RuntimeException e) {
            lent.release();
            throw e;
        }
    }

    /**
     * @param clean the transaction ended with a commit or rollback; otherwise the connection is closed (H2 rolls
     *              back what a closed session left open) and a later borrower gets a new one
     */
    void giveBack(Connection c, boolean clean) {
        try {
            if (clean && !closed && !c.isClosed()) {
                idle.addFirst(c);
                // close() may have emptied the deque between the check and the add.
                if (closed && idle.remove(c)) {
                    closeQuietly(c);
                }
            } else {
                closeQuietly(c);
            }
        } catch (SQLException e) {
            closeQuietly(c);
        } finally {
            lent.release();
        }
    }

    private Connection open() throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", "sa");
        login.setProperty("password", "");
        Connection c = H2.connect(url, login);
        if (c == null) {
            throw new SQLException("not an H2 database URL: " + url, "08001");
        }
        return c;
    }

    /** Closes the idle connections; lent ones are closed when they come back. */
    @Override
    public void close() {
        closed = true;
        for (Connection c; (c = idle.pollFirst()) != null; ) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // broken already; nothing left to release
        }
    }
}
