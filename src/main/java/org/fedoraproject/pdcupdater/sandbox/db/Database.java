package org.fedoraproject.pdcupdater.sandbox.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The sandbox's H2 database: a small pool of sessions ({@link SessionPool}), the schema (idempotent DDL from
 * {@code sandbox/schema.sql}) and transactions. Writes are serialised by one lock: the sandbox is a test double, and a single writer makes
 * PDC's validate-then-save duplicate checks deterministic (the 409 race of real PDC is still mapped, should
 * the database ever report one).
 */
public final class Database implements AutoCloseable {
    private final SessionPool pool;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final java.util.concurrent.atomic.AtomicLong writeVersion = new java.util.concurrent.atomic.AtomicLong();

    public Database(String jdbcUrl) {
        String url = jdbcUrl;
        // An in-memory database must outlive its connections, or it vanishes between requests.
        if (url.startsWith("jdbc:h2:mem:") && !url.toUpperCase().contains("DB_CLOSE_DELAY")) {
            url += ";DB_CLOSE_DELAY=-1";
        }
        this.pool = new SessionPool(url, 16, 30, TimeUnit.SECONDS);
        migrate();
    }

    private void migrate() {
        String ddl;
        try (InputStream in = Database.class.getResourceAsStream("/sandbox/schema.sql")) {
            if (in == null) throw new IllegalStateException("sandbox/schema.sql missing from the classpath");
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Connection c = lend();
        boolean clean = false;
        try (Statement st = c.createStatement()) {
            c.setAutoCommit(true); // each DDL statement commits on its own, as H2 does anyway
            for (String sql : ddl.split(";\\s*\\n")) {
                String s = sql.replaceAll("(?m)^--.*$", "").trim();
                if (!s.isEmpty()) st.execute(s);
            }
            ComposeRpmsLayout.apply(c);
            clean = true;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the sandbox schema: " + e.getMessage(), e);
        } finally {
            pool.giveBack(c, clean);
        }
    }

    /** Bumped after every write transaction (committed or not); read caches compare against it. */
    public long writeVersion() {
        return writeVersion.get();
    }

    /** Read-only work; H2's MVCC gives a consistent snapshot without taking the write lock. */
    public <T> T read(Function<Tx, T> work) {
        return run(work, false);
    }

    /** A write transaction: committed when work returns, rolled back when it throws. */
    public <T> T write(Function<Tx, T> work) {
        writeLock.lock();
        try {
            return run(work, true);
        } finally {
            writeVersion.incrementAndGet();
            writeLock.unlock();
        }
    }

    private <T> T run(Function<Tx, T> work, boolean write) {
        Connection c = lend();
        boolean clean = false;
        try {
            c.setAutoCommit(false);
            c.setReadOnly(!write);
            T result;
            try {
                result = work.apply(new Tx(c));
            } catch (RuntimeException | Error e) {
                try {
                    c.rollback();
                    clean = true;
                } catch (SQLException rollbackFailed) {
                    e.addSuppressed(rollbackFailed);
                }
                throw e;
            }
            c.commit();
            clean = true;
            return result;
        } catch (SQLException e) {
            throw new DbException(e);
        } finally {
            pool.giveBack(c, clean);
        }
    }

    private Connection lend() {
        try {
            return pool.lend();
        } catch (SQLException e) {
            throw new DbException(e);
        }
    }

    @Override
    public void close() {
        try {
            Connection c = pool.lend();
            try (Statement st = c.createStatement()) {
                // SHUTDOWN flushes a file database and frees a named in-memory one.
                st.execute("SHUTDOWN");
            } finally {
                pool.giveBack(c, false);
            }
        } catch (SQLException | RuntimeException ignored) {
            // already closed
        }
        pool.close();
    }
}
