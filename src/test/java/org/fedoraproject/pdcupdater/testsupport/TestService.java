package org.fedoraproject.pdcupdater.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.fedoraproject.pdcupdater.ServiceMain;

/**
 * The real service (camel-main, the project's routes and config) started inside a test, with a
 * few settings overridden: exactly what {@code java -jar} runs, minus the process boundary.
 */
public final class TestService implements AutoCloseable {

    private final Main main;

    private TestService(Main main) {
        this.main = main;
    }

    /** Starts the service with the given settings on top of {@code config/application.properties}. */
    public static TestService start(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>();
        all.put("camel.management.port", String.valueOf(freePort()));
        all.put("camel.main.routes-reload-enabled", "false");
        // The embedded PDC sandbox and stand-ins on free ports, in memory, unless a test says otherwise.
        all.put("sandbox.port", "0");
        all.put("sandbox.standins-port", "0");
        // The embedded demo publishes fixture messages on the first bus endpoint; tests opt in.
        all.put("embedded.replay-fixtures", "false");
        all.put("sandbox.db-url", "jdbc:h2:mem:sandbox-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        all.putAll(settings);
        // Health, metrics and the console share one port (the console's Jetty); camel-main's management server is off.
        all.putIfAbsent("console.port", all.get("camel.management.port"));
        Main main = ServiceMain.create();
        Properties overrides = new Properties();
        overrides.putAll(all);
        main.setOverrideProperties(overrides);
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("service did not start", e);
        }
        return new TestService(main);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public <T> T bean(String name, Class<T> type) {
        return context().getRegistry().lookupByNameAndType(name, type);
    }

    public DataSource dataSource() {
        return bean("dataSource", DataSource.class);
    }

    public int managementPort() {
        return Integer.parseInt(context().resolvePropertyPlaceholders("{{console.port}}"));
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            throw new IllegalStateException("service did not stop cleanly", e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
