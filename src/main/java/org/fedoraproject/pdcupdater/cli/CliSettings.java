package org.fedoraproject.pdcupdater.cli;

import java.util.Optional;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.fedoraproject.pdcupdater.ServiceMain;
import org.fedoraproject.pdcupdater.db.DatabaseSettings;

/**
 * The service's settings for commands that need no running service (dead-letters, sandbox,
 * publish): read exactly as the service reads them (bundled defaults, config/, system properties,
 * environment variables) by Camel's properties component, without starting anything.
 */
final class CliSettings {

    private final PropertiesComponent properties;

    CliSettings() {
        DefaultCamelContext context = new DefaultCamelContext(false);
        properties = context.getPropertiesComponent();
        properties.setLocation(ServiceMain.PROPERTY_LOCATIONS);
    }

    Optional<String> get(String key) {
        return properties.resolveProperty(key).map(String::strip);
    }

    String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    int getInt(String key, int defaultValue) {
        return get(key).filter(v -> !v.isEmpty()).map(Integer::parseInt).orElse(defaultValue);
    }

    DatabaseSettings database() {
        return new DatabaseSettings(get("db.url", ""), get("db.user", ""), get("db.password", ""),
                get("db.password-file", ""), 2);
    }
}
