package org.fedoraproject.pdcupdater.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.fedoraproject.pdcupdater.ServiceMain;
import org.junit.jupiter.api.Test;

/** The prod profile is layered on top of the defaults, bundled file first, then the operator's. */
class ServiceMainProfileTest {

    @Test
    void theProfileFilesComeAfterTheDefaults() {
        assertThat(ServiceMain.propertyLocations(null)).isEqualTo(ServiceMain.PROPERTY_LOCATIONS);
        assertThat(ServiceMain.propertyLocations("prod")).isEqualTo(ServiceMain.PROPERTY_LOCATIONS
                + ",classpath:config/application-prod.properties;optional=true"
                + ",file:config/application-prod.properties;optional=true");
    }

    @Test
    void aMisspeltProfileDoesNotQuietlyRunOnTheEmbeddedDefaults() {
        assertThatThrownBy(() -> ServiceMain.propertyLocations("prdo")).hasMessageContaining("application-prdo");
        assertThatThrownBy(() -> ServiceMain.propertyLocations("../etc")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A key only the prod profile names is read by nothing: a setting an operator believes in that
     * does nothing (as the profile's camel.management.port did once the console took over the port).
     */
    @Test
    void everyKeyOfTheProdProfileIsOneTheServiceReads() throws IOException {
        Properties defaults = load("config/application.properties");
        Properties prod = load("config/application-prod.properties");
        assertThat(prod.stringPropertyNames()).isNotEmpty();
        assertThat(prod.stringPropertyNames()).allSatisfy(key -> assertThat(defaults).containsKey(key));
        assertThat(prod.getProperty("console.port")).as("health and metrics are on the console's port").isNotBlank();
    }

    private static Properties load(String file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            p.load(in);
        }
        return p;
    }
}
