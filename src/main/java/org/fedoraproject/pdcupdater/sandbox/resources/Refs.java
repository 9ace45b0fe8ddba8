package org.fedoraproject.pdcupdater.sandbox.resources;

import org.fedoraproject.pdcupdater.sandbox.api.BodyCheck;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Natural-key references in write bodies (pdc-api.md 1.7): DRF's SlugRelatedField error
 * "Object with name=x does not exist." and PDC's ChoiceSlugField "'x' is not allowed value. Use one of ...".
 */
final class Refs {
    private Refs() {
    }

    /** Resolve {@code value} in {@code table.column}; on failure record the slug error on {@code field}. */
    static Long slug(Tx tx, BodyCheck b, String field, String table, String column, String value) {
        if (value == null) return null;
        Long pk = tx.longValue("SELECT id FROM " + table + " WHERE " + column + " = ?", value);
        if (pk == null) b.error(field, "Object with " + column + "=" + value + " does not exist.");
        return pk;
    }

    /** Choice-style reference listing the allowed names. */
    static Long choice(Tx tx, BodyCheck b, String field, String table, String column, String value) {
        if (value == null) return null;
        Long pk = tx.longValue("SELECT id FROM " + table + " WHERE " + column + " = ?", value);
        if (pk == null) {
            List<String> names = tx.list("SELECT " + column + " FROM " + table + " ORDER BY id", rs -> rs.getString(1));
            b.error(field, "'" + value + "' is not allowed value. Use one of "
                    + names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ")) + ".");
        }
        return pk;
    }

    static String name(Tx tx, String table, String column, Long pk) {
        if (pk == null) return null;
        return tx.string("SELECT " + column + " FROM " + table + " WHERE id = ?", pk);
    }
}
