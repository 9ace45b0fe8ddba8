package org.fedoraproject.pdcupdater.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;

/**
 * Binds the meter registry under the name camel-micrometer-prometheus looks for, so Camel's own
 * route metrics and the service's counters come out of the same {@code /observe/metrics} page.
 */
@Configuration
public class ObservabilityConfiguration implements CamelConfiguration {

    /** The registry name camel-micrometer-prometheus looks up before creating its own. */
    public static final String REGISTRY_NAME = "metricsRegistry";

    @BindToRegistry(REGISTRY_NAME)
    public MeterRegistry metricsRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    @BindToRegistry("ingressMetrics")
    public IngressMetrics ingressMetrics(MeterRegistry metricsRegistry) {
        return new IngressMetrics(metricsRegistry);
    }
}
