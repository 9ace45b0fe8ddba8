package org.fedoraproject.pdcupdater.db;

import com.zaxxer.hikari.HikariDataSource;

/** A migrated PostgreSQL database of its own for one test, the counterpart of {@link TestDatabase}. */
public final class PostgresTestDatabase {

    private PostgresTestDatabase() {
    }

    public static HikariDataSource open() {
        return Database.open(new DatabaseSettings(PostgresServer.newDatabase(), PostgresServer.USER, "", "", 4));
    }
}
