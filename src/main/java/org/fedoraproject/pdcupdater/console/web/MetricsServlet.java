package org.fedoraproject.pdcupdater.console.web;

import java.io.IOException;
import java.io.OutputStream;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /observe/metrics}: the Prometheus scrape of the service's meter registry ({@code metricsRegistry}: Camel's
 * route metrics, JVM metrics and the pdcupdater_* counters), in the format the scraper asks for in its Accept
 * header (OpenMetrics or the classic text format).
 */
public class MetricsServlet extends HttpServlet {

    static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final transient PrometheusMeterRegistry registry;

    public MetricsServlet(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String accept = request.getHeader("Accept");
        String contentType = accept != null && accept.contains("application/openmetrics-text") ? OPENMETRICS : TEXT;
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(contentType);
        response.setHeader("Cache-Control", "no-store");
        try (OutputStream out = response.getOutputStream()) {
            registry.scrape(out, contentType);
        }
    }
}
