package org.fedoraproject.pdcupdater.console.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * {@code /observe/health}, {@code /observe/health/live} and {@code /observe/health/ready}: the answers camel-main's
 * management server gave on this port before the console took it over, from the same Camel health checks
 * (the zeromq consumer's bus connections and the {@code databaseHealthCheck} bean count for readiness).
 *
 * <p>200 with {@code "status": "UP"}, or 503 with {@code "DOWN"}. {@code ?exposureLevel=oneline|default|full} as
 * in Camel: {@code default} lists the checks that are down, {@code full} every check; {@code ?data=true} adds each
 * check's details.
 */
public class HealthServlet extends HttpServlet {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient CamelContext camelContext;

    public HealthServlet(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String level = request.getParameter("exposureLevel");
        if (level == null) {
            HealthCheckRegistry registry = HealthCheckRegistry.get(camelContext);
            level = registry == null ? "oneline" : registry.getExposureLevel();
        }
        boolean readiness;
        Collection<HealthCheck.Result> results;
        switch (path) {
            case "", "/" -> {
                readiness = false;
                results = HealthCheckHelper.invoke(camelContext, level);
            }
            case "/live" -> {
                readiness = false;
                results = HealthCheckHelper.invokeLiveness(camelContext, level);
            }
            case "/ready" -> {
                readiness = true;
                results = HealthCheckHelper.invokeReadiness(camelContext, level);
            }
            default -> {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
        }
        boolean up = HealthCheckHelper.isResultsUp(results, readiness);

        ObjectNode body = JSON.createObjectNode();
        body.put("status", up ? "UP" : "DOWN");
        if (!"oneline".equals(level)) {
            List<HealthCheck.Result> shown = new ArrayList<>(results);
            if (!"full".equals(level)) {
                shown.removeIf(r -> r.getState() != HealthCheck.State.DOWN);
            }
            if (!shown.isEmpty()) {
                ArrayNode checks = body.putArray("checks");
                boolean withData = "true".equals(request.getParameter("data"));
                shown.forEach(r -> checks.add(check(r, withData)));
            }
        }
        response.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        JSON.writerWithDefaultPrettyPrinter().writeValue(response.getOutputStream(), body);
    }

    private static ObjectNode check(HealthCheck.Result result, boolean withData) {
        ObjectNode check = JSON.createObjectNode();
        check.put("name", result.getCheck().getId());
        check.put("status", result.getState().name());
        result.getMessage().ifPresent(m -> check.put("message", m));
        // The message of the error only, never its stack trace: enough to act on, nothing about the internals.
        result.getError().ifPresent(e -> check.put("error-message", String.valueOf(e.getMessage())));
        if (withData && result.getDetails() != null && !result.getDetails().isEmpty()) {
            ObjectNode data = check.putObject("data");
            Map<String, Object> sorted = new TreeMap<>(result.getDetails());
            sorted.forEach((k, v) -> data.put(k, String.valueOf(v)));
        }
        return check;
    }
}
