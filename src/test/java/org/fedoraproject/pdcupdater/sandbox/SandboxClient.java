package org.fedoraproject.pdcupdater.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny JSON client for the tests: java.net.http against a started sandbox, never following redirects. */
final class SandboxClient {
    static final ObjectMapper M = new ObjectMapper();
    static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";

    record Resp(int status, JsonNode body, HttpHeaders headers, String raw) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI root;
    private String token = TOKEN;
    private String comment;

    SandboxClient(URI root) {
        this.root = root;
    }

    SandboxClient token(String t) {
        this.token = t;
        return this;
    }

    SandboxClient comment(String c) {
        this.comment = c;
        return this;
    }

    Resp get(String path) {
        return send("GET", path, null);
    }

    Resp post(String path, String json) {
        return send("POST", path, json);
    }

    Resp put(String path, String json) {
        return send("PUT", path, json);
    }

    Resp patch(String path, String json) {
        return send("PATCH", path, json);
    }

    Resp delete(String path, String json) {
        return send("DELETE", path, json);
    }

    Resp send(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofMinutes(5))
                .header("Accept", "application/json");
        if (token != null) b.header("Authorization", "Token " + token);
        if (comment != null) b.header("PDC-Change-Comment", comment);
        if (json != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(b.build());
    }

    Resp send(HttpRequest req) {
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            if (!r.body().isEmpty()) {
                try {
                    body = M.readTree(r.body());
                } catch (IOException e) {
                    body = null;
                }
            }
            return new Resp(r.statusCode(), body, r.headers(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpClient http() {
        return http;
    }

    URI root() {
        return root;
    }

    static String json(Object o) {
        try {
            return M.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
