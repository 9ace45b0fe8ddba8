package org.fedoraproject.pdcupdater.db;

import java.nio.file.Path;
import java.util.Map;

import org.fedoraproject.pdcupdater.ingress.IngressIT;

/**
 * The ingress integration tests, unchanged, on a real PostgreSQL server instead of H2: the
 * idempotent repository, rejected messages, gaps and the checkpoint as production stores them.
 * The database is kept across the restart inside a test, as a file H2 database is.
 */
class PostgresIngressIT extends IngressIT {

    @Override
    protected Map<String, String> databaseSettings(Path dir) {
        return Map.of("db.url", PostgresServer.newDatabase(), "db.user", PostgresServer.USER, "db.password", "");
    }
}
