package org.fedoraproject.pdcupdater.console.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * {@code /observe}: health and metrics for load balancers, orchestrators and Prometheus. Not behind the console
 * login: they carry no secret, and the machines that poll them have no session.
 */
public final class ObserveContext {

    private ObserveContext() {
    }

    public static ServletContextHandler create(CamelContext camelContext, PrometheusMeterRegistry registry) {
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/observe");
        context.addServlet(new ServletHolder("health", new HealthServlet(camelContext)), "/health/*");
        context.addServlet(new ServletHolder("metrics", new MetricsServlet(registry)), "/metrics");
        return context;
    }
}
