package org.fedoraproject.pdcupdater.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.spi.Registry;

/**
 * Binds the meter registry under the name camel-micrometer-prometheus looks for, so Camel's own
 * route metrics and the service's counters come out of the same {@code /observe/metrics} page.
 */
@Configuration
public class ObservabilityConfiguration implements CamelConfiguration {

    /** The registry name camel-micrometer-prometheus looks up before creating its own. */
    public static final String REGISTRY_NAME = "metricsRegistry";

    @BindToRegistry(REGISTRY_NAME)
    public MeterRegistry metricsRegistry(Registry registry) {
        // camel-micrometer-prometheus starts before the configuration classes and, finding no registry, binds its
        // own under this name with Camel's route and JVM meters in it. Reuse that one: a second registry would
        // replace it in the Camel registry, and /observe/metrics would show either Camel's meters or ours.
        PrometheusMeterRegistry existing = registry.lookupByNameAndType(REGISTRY_NAME, PrometheusMeterRegistry.class);
        return existing != null ? existing : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    @BindToRegistry("ingressMetrics")
    public IngressMetrics ingressMetrics(MeterRegistry metricsRegistry) {
        return new IngressMetrics(metricsRegistry);
    }
}
