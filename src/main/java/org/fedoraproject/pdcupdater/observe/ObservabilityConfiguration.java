package org.fedoraproject.pdcupdater.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Configuration;

/**
 * Makes the service's counters part of Camel's {@code /observe/metrics} page: they go into the
 * meter registry camel-micrometer-prometheus serves (bound as {@code metricsRegistry} before the
 * configuration classes run). Commands that run without the metrics server get a registry of
 * their own under the same name, so the code is the same everywhere.
 */
@Configuration
public class ObservabilityConfiguration implements CamelConfiguration, CamelContextAware {

    /** The registry name camel-micrometer-prometheus binds and serves. */
    public static final String REGISTRY_NAME = "metricsRegistry";

    private CamelContext camelContext;

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @BindToRegistry("ingressMetrics")
    public IngressMetrics ingressMetrics() {
        return new IngressMetrics(meterRegistry(camelContext));
    }

    /** The served registry, or a new one bound under its name when metrics are not served. */
    public static synchronized MeterRegistry meterRegistry(CamelContext camelContext) {
        MeterRegistry registry = camelContext.getRegistry().lookupByNameAndType(REGISTRY_NAME, MeterRegistry.class);
        if (registry == null) {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            camelContext.getRegistry().bind(REGISTRY_NAME, registry);
        }
        return registry;
    }
}
