package org.fedoraproject.pdcupdater.sandbox.koji;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import org.fedoraproject.pdcupdater.source.koji.KojiFaultException;
import org.fedoraproject.pdcupdater.source.koji.XmlRpcCall;
import org.fedoraproject.pdcupdater.source.koji.XmlRpcCodec;
import org.fedoraproject.pdcupdater.source.koji.XmlRpcException;
import org.fedoraproject.pdcupdater.source.koji.XmlRpcLimits;

/**
 * A Koji hub stand-in: answers XML-RPC POSTs (mount it at {@link #PATH}) from a {@link KojiData},
 * for tests, benchmarks and the embedded sandbox. Speaks real XML-RPC over real HTTP with the
 * same codec limits as the client, so what passes here passes the wire.
 *
 * <p>Start one on its own with {@link #start(String, int, Path)} (a data file),
 * {@link #start(String, int, KojiData)} (a model built in code) or {@link #startBundled}; or
 * mount the handler in an existing {@code HttpServer}. For resilience tests,
 * {@link #failNextRequests} makes the next requests fail with an HTTP status.
 */
public final class KojiStandin implements HttpHandler {

    /** Where Fedora's hub lives, {@code https://koji.fedoraproject.org/kojihub}. */
    public static final String PATH = "/kojihub";

    /** Requests are small (even a multicall of thousands of calls); 64 MiB is generous. */
    private static final XmlRpcLimits REQUEST_LIMITS = XmlRpcLimits.DEFAULTS.withMaxBytes(64L * 1024 * 1024);

    private final KojiData data;
    private final KojiHubMethods methods;
    private final XmlRpcCodec codec = new XmlRpcCodec(REQUEST_LIMITS);
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 503;

    public KojiStandin(KojiData data) {
        this.data = data;
        this.methods = new KojiHubMethods(data);
    }

    public static KojiStandinServer start(String host, int port, Path dataFile) {
        return start(host, port, KojiData.load(dataFile));
    }

    /** With the bundled data, consistent with the shared fixture messages. */
    public static KojiStandinServer startBundled(String host, int port) {
        return start(host, port, KojiData.bundled());
    }

    public static KojiStandinServer start(String host, int port, KojiData data) {
        return KojiStandinServer.start(host, port, new KojiStandin(data));
    }

    public KojiData data() {
        return data;
    }

    /** HTTP requests received, failed ones included. */
    public long requestCount() {
        return requests.get();
    }

    /** Calls of {@code method}, counting each call inside a multicall. */
    public long callCount(String method) {
        LongAdder count = calls.get(method);
        return count == null ? 0 : count.sum();
    }

    /** The next {@code count} requests get HTTP {@code status} (e.g. 503) instead of an answer. */
    public void failNextRequests(int count, int status) {
        failureStatus = status;
        failuresLeft.set(count);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                plain(exchange, failureStatus, "stand-in failure injected");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                plain(exchange, 405, "XML-RPC takes POST");
                return;
            }
            XmlRpcCall call;
            try (InputStream body = exchange.getRequestBody()) {
                call = codec.decodeCall(body);
            } catch (XmlRpcException | UncheckedIOException e) {
                // The hub answers unreadable requests with 400 Bad Request, not with a fault.
                plain(exchange, 400, "Invalid request: " + e.getMessage());
                return;
            }
            respond(exchange, call);
        }
    }

    private void respond(HttpExchange exchange, XmlRpcCall call) throws IOException {
        count(call);
        Object result;
        try {
            result = methods.call(call.methodName(), call.params());
        } catch (KojiFaultException fault) {
            send(exchange, out -> codec.encodeFault(fault.faultCode(), fault.faultString(), out));
            return;
        } catch (RuntimeException e) {
            // What the hub does with an unexpected exception: fault code 1, the exception as text.
            send(exchange, out -> codec.encodeFault(1, e.getClass().getName() + ": " + e.getMessage(), out));
            return;
        }
        send(exchange, out -> codec.encodeResponse(result, out));
    }

    private void count(XmlRpcCall call) {
        calls.computeIfAbsent(call.methodName(), m -> new LongAdder()).increment();
        if (call.methodName().equals("system.multicall") || call.methodName().equals("multiCall")) {
            if (!call.params().isEmpty() && call.params().get(0) instanceof List<?> inner) {
                for (Object c : inner) {
                    if (c instanceof Map<?, ?> m && m.get("methodName") instanceof String name) {
                        calls.computeIfAbsent(name, n -> new LongAdder()).increment();
                    }
                }
            }
        }
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Small answers go out with a Content-Length; big ones are streamed chunked as they are
     * encoded, so a listTagged of 20,000 builds is never held in memory as one document.
     */
    private static void send(HttpExchange exchange, Body body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        BoundedBuffer buffer = new BoundedBuffer(64 * 1024);
        try {
            body.write(buffer);
        } catch (BoundedBuffer.Full full) {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                body.write(out);
            }
            return;
        }
        exchange.sendResponseHeaders(200, buffer.size());
        try (OutputStream out = exchange.getResponseBody()) {
            buffer.writeTo(out);
        }
    }

    private static void plain(HttpExchange exchange, int status, String message) throws IOException {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, text.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(text);
        }
    }

    /** Collects a response up to a size, then gives up so the caller streams it instead. */
    private static final class BoundedBuffer extends ByteArrayOutputStream {
        private final int limit;

        BoundedBuffer(int limit) {
            super(Math.min(limit, 8192));
            this.limit = limit;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (count + len > limit) {
                throw new Full();
            }
            super.write(b, off, len);
        }

        @Override
        public synchronized void write(int b) {
            if (count + 1 > limit) {
                throw new Full();
            }
            super.write(b);
        }

        static final class Full extends RuntimeException {
            Full() {
                super(null, null, false, false);
            }
        }
    }

    /**
     * {@code java -cp pdc-updater.jar org.fedoraproject.pdcupdater.sandbox.koji.KojiStandin [host] [port] [data.json]}:
     * serves until killed. Without a data file, the bundled data.
     */
    public static void main(String[] args) throws InterruptedException {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        KojiStandinServer server = args.length > 2 ? start(host, port, Path.of(args[2])) : startBundled(host, port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "koji-standin-stop"));
        System.out.println("Koji stand-in at " + server.uri() + " (" + server.standin().data().buildCount()
                + " builds, " + server.standin().data().rpmCount() + " rpms)");
        Thread.currentThread().join();
    }
}
