package org.fedoraproject.pdcupdater.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
