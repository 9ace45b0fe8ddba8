package org.fedoraproject.pdcupdater.sandbox.db;

import org.h2.jdbcx.JdbcConnectionPool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The sandbox's H2 database: a small pool, the schema (idempotent DDL from {@code sandbox/schema.sql}) and
 * transactions. Writes are serialised by one lock: the sandbox is a test double, and a single writer makes
 * PDC's validate-then-save duplicate checks deterministic (the 409 race of real PDC is still mapped, should
 * the database ever report one).
 */
public final class Database implements AutoCloseable {
    private final JdbcConnectionPool pool;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final java.util.concurrent.atomic.AtomicLong writeVersion = new java.util.concurrent.atomic.AtomicLong();

    public Database(String jdbcUrl) {
        String url = jdbcUrl;
        // An in-memory database must outlive its connections, or it vanishes between requests.
        if (url.startsWith("jdbc:h2:mem:") && !url.toUpperCase().contains("DB_CLOSE_DELAY")) {
            url += ";DB_CLOSE_DELAY=-1";
        }
        this.pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(16);
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
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            for (String sql : ddl.split(";\\s*\\n")) {
                String s = sql.replaceAll("(?m)^--.*$", "").trim();
                if (!s.isEmpty()) st.execute(s);
            }
            ComposeRpmsLayout.apply(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the sandbox schema: " + e.getMessage(), e);
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
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(!write);
            try {
                T result = work.apply(new Tx(c));
                c.commit();
                return result;
            } catch (RuntimeException | Error e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DbException(e);
        }
    }

    @Override
    public void close() {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            // SHUTDOWN flushes a file database and frees a named in-memory one.
            st.execute("SHUTDOWN");
        } catch (SQLException ignored) {
            // already closed
        }
        pool.dispose();
    }
}
