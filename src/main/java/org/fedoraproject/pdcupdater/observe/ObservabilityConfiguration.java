package org.fedoraproject.pdcupdater.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.spi.RoutePolicyFactory;

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

    @PropertyInject(value = "observe.unmetered-routes", defaultValue = "fedmsg-bus,fedmsg-verify,fedmsg-accept,dispatch")
    private String unmeteredRoutes;

    private CamelContext camelContext;

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /**
     * Routes left out of Camel's per-route metrics ({@code camel_exchanges_*}, {@code camel_route_policy_seconds}):
     * its timer formats a String per exchange and route, twice, which on the routes every live
     * message passes (fedmsg-bus, fedmsg-verify, fedmsg-accept, dispatch) cost more than the routes'
     * own steps. What they count is on the page anyway: pdcupdater_messages_received_total,
     * _rejected_total, _duplicate_total and _unhandled_total, and each handler's route.
     */
    @Override
    public void configure(CamelContext context) {
        if (unmeteredRoutes == null || unmeteredRoutes.isBlank()) {
            return;
        }
        for (RoutePolicyFactory factory : context.getRoutePolicyFactories()) {
            if (factory instanceof MicrometerRoutePolicyFactory micrometer) {
                micrometer.getPolicyConfiguration().setExcludePattern(unmeteredRoutes.replace(" ", ""));
            }
        }
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
