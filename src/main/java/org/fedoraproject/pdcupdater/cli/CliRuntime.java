package org.fedoraproject.pdcupdater.cli;

import java.util.Map;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.fedoraproject.pdcupdater.ServiceMain;

/**
 * The service's beans and handler routes, started for one CLI command: the same camel-main
 * bootstrap as {@code run}, but without the routes that consume (the bus and datagrepper ingress,
 * the scheduled reconciliation) and without the management port, so a command can run next to a
 * running service without taking its messages or its port. Handler routes and dispatch are there,
 * so a retried message meets the same error handling and dead-lettering as a live one.
 */
final class CliRuntime implements AutoCloseable {

    /** Route files the commands must not start: consumers of the bus and of the schedule. */
    static final String EXCLUDED_ROUTES = "**/ingress.camel.yaml,**/reconcile.camel.yaml";

    private final Main main;

    private CliRuntime(Main main) {
        this.main = main;
    }

    static CliRuntime start() {
        Main main = ServiceMain.create();
        Properties overrides = new Properties();
        overrides.putAll(Map.of(
                "camel.main.routes-exclude-pattern", EXCLUDED_ROUTES,
                "camel.main.routes-reload-enabled", "false",
                "camel.management.enabled", "false",
                "console.enabled", "false",
                "camel.main.name", "pdc-updater-cli",
                "embedded.replay-fixtures", "false"));
        main.setOverrideProperties(overrides);
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start: " + e.getMessage(), e);
        }
        return new CliRuntime(main);
    }

    CamelContext context() {
        return main.getCamelContext();
    }

    <T> T bean(String name, Class<T> type) {
        T bean = context().getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new IllegalStateException("no bean " + name);
        }
        return bean;
    }

    String setting(String key, String defaultValue) {
        return context().getPropertiesComponent().resolveProperty(key).map(String::strip).orElse(defaultValue);
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            // Stopping after the work is done: nothing left to lose.
        }
    }
}
