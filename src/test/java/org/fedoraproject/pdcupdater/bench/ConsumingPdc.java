package org.fedoraproject.pdcupdater.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A PDC for measuring the service's own side of a compose import: it answers everything as the sandbox behind it
 * does, except the imports ({@code POST compose-rpms/} and {@code compose-images/}), whose bodies it reads and
 * throws away before answering that nothing was imported. What the importer then costs is download, validation and
 * upload, without any database.
 */
final class ConsumingPdc implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI behind;
    private final AtomicLong consumed = new AtomicLong();

    private ConsumingPdc(URI behind) throws IOException {
        this.behind = behind;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** @param apiRoot the real PDC's API root, {@code http://host:port/rest_api/v1/} */
    static ConsumingPdc inFrontOf(URI apiRoot) throws IOException {
        return new ConsumingPdc(apiRoot);
    }

    URI apiRoot() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + behind.getPath());
    }

    /** Import body bytes read and dropped so far. */
    long consumedBytes() {
        return consumed.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("POST")
                    && (path.endsWith("/compose-rpms/") || path.endsWith("/compose-images/"))) {
                consume(exchange);
            } else {
                forward(exchange);
            }
        }
    }

    private void consume(HttpExchange exchange) throws IOException {
        byte[] buffer = new byte[256 * 1024];
        long n = 0;
        try (InputStream in = exchange.getRequestBody()) {
            for (int r; (r = in.read(buffer)) >= 0; ) {
                n += r;
            }
        }
        consumed.addAndGet(n);
        byte[] answer = "{\"compose\": null, \"imported rpms\": 0, \"imported images\": 0}"
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(201, answer.length);
        exchange.getResponseBody().write(answer);
    }

    private void forward(HttpExchange exchange) throws IOException {
        URI target = behind.resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpResponse<byte[]> response = ForwardedRequest.send(http, target, exchange);
        response.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
        byte[] answer = response.body();
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
