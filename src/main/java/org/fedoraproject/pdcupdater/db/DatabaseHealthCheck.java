package org.fedoraproject.pdcupdater.db;

import java.sql.Connection;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: the service is not ready while its database is unreachable, because without it
 * nothing can be de-duplicated or dead-lettered safely.
 */
public class DatabaseHealthCheck extends AbstractHealthCheck {

    private static final int TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;

    public DatabaseHealthCheck(DataSource dataSource) {
        super("pdc-updater", "database");
        this.dataSource = dataSource;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(TIMEOUT_SECONDS)) {
                builder.up();
            } else {
                builder.down().message("database connection is not valid");
            }
        } catch (Exception e) {
            builder.down().message("database unreachable: " + e.getMessage());
        }
    }
}
