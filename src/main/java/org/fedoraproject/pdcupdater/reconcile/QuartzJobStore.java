package org.fedoraproject.pdcupdater.reconcile;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Quartz's JDBC job store on the service's own database, so that scheduled work survives a
 * restart and, on PostgreSQL, two instances share one schedule (clustered: a job runs on one
 * instance at a time; if that instance dies, another takes over).
 *
 * <p>Quartz gets its connections from the service's {@code dataSource} pool through a
 * {@link ConnectionProvider} registered under a name of its own, instead of Quartz's own
 * {@code hikaricp} provider with the same URL and password: one pool, one place the password is
 * read, and the H2 file is opened once (a second pool on an H2 file would be a second opener).
 * The tables are Quartz's own scripts, applied by Flyway (migration V3).
 */
public final class QuartzJobStore {

    /** The scheduler name: the same on every instance, which is what makes them one cluster. */
    public static final String DEFAULT_SCHEDULER_NAME = "pdc-updater";

    private QuartzJobStore() {
    }

    /**
     * Registers {@code dataSource} with Quartz and returns the scheduler properties that use it.
     *
     * @param jdbcUrl       picks the delegate: PostgreSQL's own, or the standard one for H2
     * @param threadCount   jobs that may run at once on this instance
     */
    public static Map<String, String> properties(DataSource dataSource, String jdbcUrl, String schedulerName,
                                                 int threadCount, long clusterCheckinMillis) {
        // Unique per CamelContext: tests start several services in one JVM, one after the other.
        String name = "pdcUpdater-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(name, new SharedPool(dataSource));
        Map<String, String> p = new LinkedHashMap<>();
        p.put("org.quartz.scheduler.instanceName", schedulerName);
        p.put("org.quartz.scheduler.instanceId", "AUTO");
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        p.put("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.put("org.quartz.threadPool.threadCount", String.valueOf(threadCount));
        p.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.put("org.quartz.jobStore.driverDelegateClass", delegate(jdbcUrl));
        p.put("org.quartz.jobStore.dataSource", name);
        p.put("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.put("org.quartz.jobStore.isClustered", "true");
        p.put("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(clusterCheckinMillis));
        p.put("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        // A trigger missed by more than this (the service was down) fires once at start instead of
        // being skipped; Camel's cron triggers use "fire once now" on misfire.
        p.put("org.quartz.jobStore.misfireThreshold", "60000");
        return p;
    }

    static String delegate(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate";
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return "org.quartz.impl.jdbcjobstore.StdJDBCDelegate";
        }
        throw new IllegalArgumentException("no Quartz delegate for " + jdbcUrl + " (H2 or PostgreSQL only)");
    }

    /** Lends Quartz connections of the service's pool; the pool's life is the service's, not Quartz's. */
    static final class SharedPool implements ConnectionProvider {
        private final DataSource dataSource;

        SharedPool(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // Quartz calls this when its scheduler stops; the pool is closed by the service.
        }

        @Override
        public void initialize() {
        }
    }
}
