package org.fedoraproject.pdcupdater.sandbox.standin;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/** One request to a stand-in: its path below the mount point, its parameters, and ways to answer. */
public final class StandinExchange {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Form bodies above this are refused; stand-in requests are small. */
    private static final int MAX_FORM_BYTES = 1 << 20;

    private final HttpExchange exchange;
    private final List<String> segments;
    private final Map<String, List<String>> params;

    StandinExchange(HttpExchange exchange) throws IOException {
        this.exchange = exchange;
        this.segments = relativeSegments(exchange);
        this.params = new LinkedHashMap<>();
        parse(exchange.getRequestURI().getRawQuery(), params);
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if ("POST".equals(method()) && type != null && type.startsWith("application/x-www-form-urlencoded")) {
            byte[] body = exchange.getRequestBody().readNBytes(MAX_FORM_BYTES);
            parse(new String(body, StandardCharsets.UTF_8), params);
        }
    }

    public String method() {
        return exchange.getRequestMethod();
    }

    public boolean isHead() {
        return "HEAD".equals(method());
    }

    /** Decoded path segments below the mount point; {@code /pkgdb/api/packages/} gives [api, packages]. */
    public List<String> segments() {
        return segments;
    }

    /** Query and form parameters together, as TurboGears and Flask merge them. */
    public Map<String, List<String>> params() {
        return params;
    }

    public String param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String param(String name, String fallback) {
        String value = param(name);
        return value == null ? fallback : value;
    }

    public List<String> params(String name) {
        return params.getOrDefault(name, List.of());
    }

    /** Flask-style boolean flags: anything but missing, 0 and false is true. */
    public boolean flag(String name, boolean fallback) {
        String value = param(name);
        if (value == null) {
            return fallback;
        }
        return !(value.equals("0") || value.equalsIgnoreCase("false"));
    }

    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** {@code http://host:port/mount/} as the client addressed it, for absolute links in answers. */
    public String baseUrl() {
        String host = header("Host");
        return "http://" + (host == null ? "localhost" : host) + exchange.getHttpContext().getPath();
    }

    public void sendJson(int status, JsonNode body) throws IOException {
        send(status, "application/json", JSON.writeValueAsBytes(body));
    }

    public void sendText(int status, String text) throws IOException {
        send(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers with a body, or only its headers for HEAD. */
    public void send(int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (isHead()) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static List<String> relativeSegments(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawPath();
        String mount = exchange.getHttpContext().getPath();
        String rest = raw.length() > mount.length() ? raw.substring(mount.length()) : "";
        List<String> out = new ArrayList<>();
        for (String part : rest.split("/")) {
            if (!part.isEmpty()) {
                // Path segments keep '+' literal; only %XX is decoded (URLDecoder would turn '+' into ' ').
                out.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void parse(String raw, Map<String, List<String>> into) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
    }
}
