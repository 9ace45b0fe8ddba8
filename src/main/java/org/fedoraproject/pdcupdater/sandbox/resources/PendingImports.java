package org.fedoraproject.pdcupdater.sandbox.resources;

import org.fedoraproject.pdcupdater.sandbox.db.Database;
import org.fedoraproject.pdcupdater.sandbox.db.DbException;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;

import java.sql.SQLException;
import java.util.List;

/**
 * All-or-nothing visibility for compose-rpms imports that commit in batches (schema.sql, pending_imports). An
 * import takes an id, tags the composes, rpms and compose_rpms rows it creates with it, and lists the id as pending
 * until its last, short transaction; readers add {@link #visible} for those tables. A failed import deletes its
 * rows in committed chunks ({@link #discard}); rows of an import a crash left pending are swept at startup.
 */
final class PendingImports {
    /** Rows deleted per transaction when an import is discarded: keeps the undo of each small. */
    private static final int DELETE_CHUNK = 20_000;

    private PendingImports() {
    }

    /** SQL condition: the row of table alias {@code alias} is not part of an unfinished import. */
    static String visible(String alias) {
        return "(" + alias + ".import_pk IS NULL OR " + alias + ".import_pk NOT IN (SELECT id FROM pending_imports))";
    }

    static long nextId(Tx tx) {
        return tx.longValue("SELECT NEXT VALUE FOR import_ids");
    }

    /** Lists the import as pending (its rows hidden) for the compose it fills. */
    static void begin(Tx tx, long importId, long composePk) {
        tx.update("INSERT INTO pending_imports (id, compose_pk, sigkey_floor, path_floor) VALUES (?, ?, "
                + "(SELECT COALESCE(MAX(id), 0) FROM sigkeys), (SELECT COALESCE(MAX(id), 0) FROM paths))", importId, composePk);
    }

    /** Makes every row of the import visible at once; part of the import's last transaction. */
    static void finish(Tx tx, long importId) {
        tx.update("DELETE FROM pending_imports WHERE id = ?", importId);
    }

    /**
     * Deletes what the import wrote, committing chunk by chunk (the import stays pending, so hidden, until its
     * last row is gone): its compose_rpms links, then the RPMs it created, then its compose if it created it, and
     * with {@code lookups} the sigkeys and paths rows it added. The caller has rolled back the import's open
     * transaction and still holds the write lock.
     */
    static void discard(Tx tx, long importId, boolean lookups) {
        // Not listed after the rollback: nothing of the import was committed.
        if (!tx.exists("SELECT 1 FROM pending_imports WHERE id = ?", importId)) return;
        Long composePk = tx.longValue("SELECT compose_pk FROM pending_imports WHERE id = ?", importId);
        if (composePk != null) {
            List<Long> variantArches = tx.list("SELECT va.id FROM variant_arches va JOIN variants v ON v.id = va.variant_pk "
                    + "WHERE v.compose_pk = ?", rs -> rs.getLong(1), composePk);
            for (long va : variantArches) {
                chunked(tx, "DELETE FROM compose_rpms WHERE variant_arch_pk = ? AND import_pk = ?", va, importId);
            }
        } else {
            chunked(tx, "DELETE FROM compose_rpms WHERE import_pk = ?", importId);
        }
        chunked(tx, "DELETE FROM rpms WHERE import_pk = ?", importId);
        tx.update("DELETE FROM composes WHERE import_pk = ?", importId);
        if (lookups) {
            tx.update("DELETE FROM sigkeys WHERE id > (SELECT sigkey_floor FROM pending_imports WHERE id = ?)", importId);
            tx.update("DELETE FROM paths WHERE id > (SELECT path_floor FROM pending_imports WHERE id = ?)", importId);
        }
        tx.update("DELETE FROM pending_imports WHERE id = ?", importId);
        commit(tx);
    }

    /**
     * Startup: discards the imports a crash (or a failed discard) left pending. Their sigkeys and paths rows stay:
     * after a failed discard, later imports may have added rows above the floors and use them (they are lookup
     * rows no API lists).
     */
    static void sweep(Database db) {
        db.write(tx -> {
            for (long id : tx.list("SELECT id FROM pending_imports ORDER BY id", rs -> rs.getLong(1))) discard(tx, id, false);
            return null;
        });
    }

    private static void chunked(Tx tx, String delete, Object... args) {
        String sql = delete + " FETCH FIRST " + DELETE_CHUNK + " ROWS ONLY";
        while (tx.update(sql, args) > 0) commit(tx);
    }

    private static void commit(Tx tx) {
        try {
            tx.connection().commit();
        } catch (SQLException e) {
            throw new DbException(e);
        }
    }
}
