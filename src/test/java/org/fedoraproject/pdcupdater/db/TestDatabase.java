package org.fedoraproject.pdcupdater.db;

import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;

/** A migrated in-memory H2 database of its own for one test. */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static HikariDataSource open() {
        return Database.open(new DatabaseSettings("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "",
                "", 4));
    }
}
