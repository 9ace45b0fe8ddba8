package org.fedoraproject.pdcupdater.sandbox.standin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A small HTTP server that mounts stand-in handlers under context paths, for tests and for running
 * the service offline. {@code StandinServer.start("127.0.0.1", 0, Map.of("/fas/", fas))} listens on
 * an ephemeral port; {@link #uri(String)} gives the base URL to hand to the matching client.
 */
public final class StandinServer implements AutoCloseable {

    private static final AtomicInteger SERVERS = new AtomicInteger();

    static {
        // The JDK server writes status line and body in separate small packets; with Nagle's
        // algorithm on, the second waits for the client's delayed ACK, about 40 ms per request on
        // loopback. The JDK reads this property once, when its first HttpServer starts, so a server
        // started earlier in the same JVM may already have fixed it to false.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String host;

    private StandinServer(HttpServer server, ExecutorService executor, String host) {
        this.server = server;
        this.executor = executor;
        this.host = host;
    }

    /**
     * Starts a server on {@code host:port} (port 0 picks a free one) with each handler mounted under
     * its context path ({@code /fas/}, {@code /pkgdb/}, ...).
     */
    public static StandinServer start(String host, int port, Map<String, ? extends HttpHandler> handlers) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
        handlers.forEach((path, handler) -> server.createContext(contextPath(path), handler));
        int serverNumber = SERVERS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "standin-" + serverNumber + "-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new StandinServer(server, executor, host);
    }

    /** Context paths always start and end with a slash, so {@code /fas/} never also matches {@code /fasx}. */
    static String contextPath(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return p.endsWith("/") ? p : p + "/";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port/} */
    public URI uri() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + port() + "/");
    }

    /** The base URL of the handler mounted at {@code contextPath}, e.g. {@code http://127.0.0.1:4711/fas/}. */
    public URI uri(String contextPath) {
        return uri().resolve(contextPath(contextPath).substring(1));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
