package org.fedoraproject.pdcupdater.sandbox.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compose_rpms keeps only the indexes it needs, in a new database and in one made with the earlier layout. */
class ComposeRpmsLayoutTest {

    @TempDir
    Path dir;

    @Test
    void aDatabaseWithTheEarlierForeignKeysLosesThemAndTheirIndexes() {
        String url = "jdbc:h2:file:" + dir.resolve("pdc");
        try (Database db = new Database(url)) {
            assertThat(indexes(db)).containsExactlyInAnyOrder("COMPOSE_RPMS_RPM", "PRIMARY KEY");
            db.write(tx -> { // what schema.sql used to declare
                tx.update("ALTER TABLE compose_rpms ADD FOREIGN KEY (variant_arch_pk) REFERENCES variant_arches(id) "
                        + "ON DELETE CASCADE");
                tx.update("ALTER TABLE compose_rpms ADD FOREIGN KEY (rpm_pk) REFERENCES rpms(id)");
                tx.update("ALTER TABLE compose_rpms ADD FOREIGN KEY (content_category_pk) REFERENCES content_categories(id)");
                tx.update("ALTER TABLE compose_rpms ADD FOREIGN KEY (sigkey_pk) REFERENCES sigkeys(id)");
                tx.update("ALTER TABLE compose_rpms ADD FOREIGN KEY (path_pk) REFERENCES paths(id)");
                return null;
            });
            assertThat(indexes(db)).hasSize(6);
        }
        try (Database db = new Database(url)) {
            assertThat(indexes(db)).containsExactlyInAnyOrder("COMPOSE_RPMS_RPM", "PRIMARY KEY");
            List<String> foreignKeys = db.read(tx -> tx.list("SELECT CONSTRAINT_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE "
                    + "TABLE_NAME = 'COMPOSE_RPMS' AND CONSTRAINT_TYPE = 'FOREIGN KEY'", rs -> rs.getString(1)));
            assertThat(foreignKeys).containsExactly("COMPOSE_RPMS_RPM_FK");
        }
    }

    /** Index names, the primary key's as "PRIMARY KEY" (its name is generated). */
    private static List<String> indexes(Database db) {
        return db.read(tx -> tx.list("SELECT CASE WHEN INDEX_TYPE_NAME = 'PRIMARY KEY' THEN INDEX_TYPE_NAME ELSE "
                + "INDEX_NAME END FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = 'COMPOSE_RPMS'", rs -> rs.getString(1)));
    }
}
