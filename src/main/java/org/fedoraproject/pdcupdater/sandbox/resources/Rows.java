package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rendering helpers: batch-load rows by primary key and return them in the requested order. */
final class Rows {
    private Rows() {
    }

    @FunctionalInterface
    interface Renderer {
        ObjectNode render(ResultSet rs) throws SQLException;
    }

    /**
     * @param sql a SELECT whose first column is the primary key and that ends with {@code IN (%s)}
     */
    static List<ObjectNode> byPk(Tx tx, String sql, List<Long> pks, Renderer renderer) {
        Map<Long, ObjectNode> found = new HashMap<>();
        tx.list(String.format(sql, Tx.marks(pks.size())), rs -> {
            found.put(rs.getLong(1), renderer.render(rs));
            return null;
        }, pks.toArray());
        List<ObjectNode> out = new ArrayList<>(pks.size());
        for (Long pk : pks) {
            ObjectNode o = found.get(pk);
            if (o != null) out.add(o);
        }
        return out;
    }

    /** Loads a to-many relation for several owners: owner pk → list of values. */
    static <T> Map<Long, List<T>> grouped(Tx tx, String sql, List<Long> pks, Tx.RowMapper<T> mapper) {
        Map<Long, List<T>> out = new HashMap<>();
        tx.list(String.format(sql, Tx.marks(pks.size())), rs -> {
            out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(mapper.map(rs));
            return null;
        }, pks.toArray());
        return out;
    }

    static void putNullable(ObjectNode o, String key, String value) {
        if (value == null) o.putNull(key);
        else o.put(key, value);
    }
}
