package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.Json;

import java.util.ArrayList;
import java.util.List;

/** The Bugzilla component tree: path lookup ("parent/child") and the nested representation. */
final class BugzillaTree {
    private BugzillaTree() {
    }

    /** @return pk of the node at {@code path}, or null */
    static Long find(Tx tx, String path) {
        Long parent = null;
        for (String part : path.split("/", -1)) {
            if (part.isEmpty()) return null;
            parent = parent == null
                    ? tx.longValue("SELECT id FROM bugzilla_components WHERE name = ? AND parent_id IS NULL", part)
                    : tx.longValue("SELECT id FROM bugzilla_components WHERE name = ? AND parent_id = ?", part, parent);
            if (parent == null) return null;
        }
        return parent;
    }

    /** Descendant paths relative to the node, depth first (PDC's get_subcomponents). */
    static List<String> subcomponents(Tx tx, long pk) {
        List<String> out = new ArrayList<>();
        collect(tx, pk, "", out);
        return out;
    }

    private static void collect(Tx tx, long pk, String prefix, List<String> out) {
        for (Object[] child : tx.list("SELECT id, name FROM bugzilla_components WHERE parent_id = ? ORDER BY name",
                rs -> new Object[]{rs.getLong(1), rs.getString(2)}, pk)) {
            String path = prefix + child[1];
            out.add(path);
            collect(tx, (Long) child[0], path + "/", out);
        }
    }

    static ObjectNode render(Tx tx, long pk) {
        return tx.one("SELECT b.id, b.name, p.name FROM bugzilla_components b "
                + "LEFT JOIN bugzilla_components p ON p.id = b.parent_id WHERE b.id = ?", rs -> {
            ObjectNode o = Json.obj();
            o.put("id", rs.getLong(1));
            o.put("name", rs.getString(2));
            Rows.putNullable(o, "parent_component", rs.getString(3));
            o.set("subcomponents", Json.arr(subcomponents(tx, rs.getLong(1))));
            return o;
        }, pk);
    }

    static String pathOf(Tx tx, long pk) {
        List<String> parts = new ArrayList<>();
        Long cur = pk;
        while (cur != null) {
            Object[] row = tx.one("SELECT name, parent_id FROM bugzilla_components WHERE id = ?",
                    rs -> new Object[]{rs.getString(1), rs.getObject(2) == null ? null : rs.getLong(2)}, cur);
            parts.add(0, (String) row[0]);
            cur = (Long) row[1];
        }
        return String.join("/", parts);
    }
}
