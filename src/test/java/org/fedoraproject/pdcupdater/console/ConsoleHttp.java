package org.fedoraproject.pdcupdater.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A browser-like HTTP client of the console: keeps the session cookie after a login and sends the console's own
 * Origin with every Jolokia request, as Hawtio's pages do.
 */
final class ConsoleHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;
    private String origin;

    ConsoleHttp(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
        this.origin = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    ConsoleHttp withOrigin(String origin) {
        this.origin = origin;
        return this;
    }

    /** Hawtio's login (what its login form posts); the status is 200 on success. */
    int login(String user, String password) {
        return loginResponse(user, password).statusCode();
    }

    HttpResponse<String> loginResponse(String user, String password) {
        ObjectNodeBuilder body = new ObjectNodeBuilder().put("username", user).put("password", password);
        return send(HttpRequest.newBuilder(base.resolve("/hawtio/auth/login"))
                .header("Content-Type", "application/json").header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    /** One Jolokia request (a JSON object) or a bulk request (a JSON array). */
    HttpResponse<String> jolokia(String requestJson) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/hawtio/jolokia/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(requestJson));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return send(request.build());
    }

    /** The parsed body of a Jolokia request that the HTTP layer let through. */
    JsonNode jolokiaJson(String requestJson) {
        HttpResponse<String> response = jolokia(requestJson);
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + " for " + requestJson + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Small JSON object builder so tests read as the requests they send. */
    static final class ObjectNodeBuilder {
        private final com.fasterxml.jackson.databind.node.ObjectNode node = JSON.createObjectNode();

        ObjectNodeBuilder put(String key, String value) {
            node.put(key, value);
            return this;
        }

        @Override
        public String toString() {
            return node.toString();
        }
    }
}
