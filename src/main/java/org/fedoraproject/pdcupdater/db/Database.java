package org.fedoraproject.pdcupdater.db;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the service's database and brings its schema up to date before anything uses it.
 *
 * <p>Migrations live per vendor ({@code db/migration/h2}, {@code db/migration/postgresql}) because
 * the two disagree on binary and text types; the folder is picked from the JDBC URL.
 */
public final class Database {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private Database() {
    }

    public static HikariDataSource open(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("pdc-updater-db");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.effectivePassword());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(1);
        // Register the pool's MBeans so Hawtio shows pool usage; the password is not an attribute.
        config.setRegisterMbeans(true);
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            migrate(dataSource, vendor(settings.url()));
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        LOG.info("Database ready at {}", settings.url());
        return dataSource;
    }

    /** The migration folder for a JDBC URL: {@code jdbc:h2:...} is {@code h2}. */
    static String vendor(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return "h2";
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return "postgresql";
        }
        throw new IllegalArgumentException("unsupported database (H2 or PostgreSQL only): " + jdbcUrl);
    }

    static void migrate(DataSource dataSource, String vendor) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + vendor)
                .table("schema_history")
                .load()
                .migrate();
    }
}
