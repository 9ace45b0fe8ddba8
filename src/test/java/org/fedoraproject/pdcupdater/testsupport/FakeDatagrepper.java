package org.fedoraproject.pdcupdater.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server speaking datagrepper's {@code /raw} and {@code /id} formats (as in the
 * shared sample page), so tests exercise the real client over real HTTP.
 */
public final class FakeDatagrepper implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private FakeDatagrepper() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/datagrepper/raw", this::raw);
        server.createContext("/datagrepper/id", this::id);
        server.start();
    }

    public static FakeDatagrepper empty() {
        return new FakeDatagrepper();
    }

    public static FakeDatagrepper withSampleMessages() {
        FakeDatagrepper fake = new FakeDatagrepper();
        Fixtures.datagrepperMessages().forEach(fake::add);
        return fake;
    }

    public void add(JsonNode message) {
        messages.add(message);
    }

    public List<JsonNode> messages() {
        return messages;
    }

    public List<String> requests() {
        return requests;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/datagrepper/");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void raw(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestURI().toString());
        Map<String, String> q = query(exchange);
        double start = Double.parseDouble(q.getOrDefault("start", "0"));
        double end = Double.parseDouble(q.getOrDefault("end", "1e12"));
        int rows = Integer.parseInt(q.getOrDefault("rows_per_page", "25"));
        int page = Integer.parseInt(q.getOrDefault("page", "1"));
        List<JsonNode> window = new ArrayList<>();
        for (JsonNode m : messages) {
            double t = m.path("timestamp").asDouble();
            if (t >= start && t <= end) {
                window.add(m);
            }
        }
        Comparator<JsonNode> byTime = Comparator.comparingDouble(m -> m.path("timestamp").asDouble());
        window.sort("desc".equals(q.get("order")) ? byTime.reversed() : byTime);
        int pages = (window.size() + rows - 1) / rows;
        ObjectNode body = JSON.createObjectNode();
        ArrayNode raw = body.putArray("raw_messages");
        window.stream().skip((long) (page - 1) * rows).limit(rows).forEach(raw::add);
        body.put("count", raw.size());
        body.put("pages", pages);
        body.put("total", window.size());
        send(exchange, 200, body);
    }

    private void id(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestURI().toString());
        String id = query(exchange).get("id");
        for (JsonNode m : messages) {
            if (m.path("msg_id").asText().equals(id)) {
                send(exchange, 200, m);
                return;
            }
        }
        send(exchange, 404, JSON.createObjectNode().put("error", "No message for \"" + id + "\""));
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> result = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                result.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return result;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
