package org.fedoraproject.pdcupdater.sandbox.standin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Wraps a stand-in so a test (or the sandbox, for rehearsing outages) can make the next requests
 * fail with a chosen status or a dropped connection, and can see which requests arrived.
 */
public final class FaultInjector implements HttpHandler {

    /** A status of this value drops the connection without any answer. */
    public static final int DROP = -1;

    private final HttpHandler delegate;
    private final Deque<Integer> planned = new ArrayDeque<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile String retryAfter;

    public FaultInjector(HttpHandler delegate) {
        this.delegate = delegate;
    }

    /** The next {@code count} requests are answered with {@code status} (or dropped, for {@link #DROP}). */
    public synchronized FaultInjector failNext(int count, int status) {
        for (int i = 0; i < count; i++) {
            planned.addLast(status);
        }
        return this;
    }

    /** Sends {@code Retry-After} with the planned failures. */
    public FaultInjector retryAfter(String value) {
        this.retryAfter = value;
        return this;
    }

    /** Every request seen, as {@code METHOD /path?query}, failed or not. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public int requestCount() {
        return requests.size();
    }

    public synchronized void reset() {
        planned.clear();
        requests.clear();
        retryAfter = null;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        Integer status;
        synchronized (this) {
            status = planned.pollFirst();
        }
        if (status == null) {
            delegate.handle(exchange);
            return;
        }
        try {
            if (status == DROP) {
                // Closing without a status line: the client sees the connection end, an I/O error.
                return;
            }
            byte[] body = ("{\"error\": \"injected failure " + status + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (retryAfter != null) {
                exchange.getResponseHeaders().set("Retry-After", retryAfter);
            }
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
            }
        } finally {
            exchange.close();
        }
    }
}
