package org.fedoraproject.pdcupdater.sandbox.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection inside one transaction, with the handful of JDBC shapes the resources need. SQLExceptions
 * become {@link DbException} so resource code stays readable; the endpoint maps integrity violations to 409.
 */
public final class Tx {
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Connection c;

    Tx(Connection c) {
        this.c = c;
    }

    public Connection connection() {
        return c;
    }

    public PreparedStatement prepare(String sql) {
        try {
            return c.prepareStatement(sql);
        } catch (SQLException e) {
            throw new DbException(e);
        }
    }

    public static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) out.add(mapper.map(rs));
                return out;
            }
        } catch (SQLException e) {
            throw new DbException(e);
        }
    }

    public <T> T one(String sql, RowMapper<T> mapper, Object... args) {
        List<T> l = list(sql, mapper, args);
        return l.isEmpty() ? null : l.get(0);
    }

    public Long longValue(String sql, Object... args) {
        return one(sql, rs -> {
            long v = rs.getLong(1);
            return rs.wasNull() ? null : v;
        }, args);
    }

    public String string(String sql, Object... args) {
        return one(sql, rs -> rs.getString(1), args);
    }

    public boolean exists(String sql, Object... args) {
        return one(sql, rs -> Boolean.TRUE, args) != null;
    }

    public int update(String sql, Object... args) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new DbException(e);
        }
    }

    /** INSERT returning the generated id. */
    public long insert(String sql, Object... args) {
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, args);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                if (!rs.next()) throw new IllegalStateException("no generated key for " + sql);
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new DbException(e);
        }
    }

    /** "?, ?, ?" for an IN list. */
    public static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(Math.max(n, 1), "?"));
    }
}
