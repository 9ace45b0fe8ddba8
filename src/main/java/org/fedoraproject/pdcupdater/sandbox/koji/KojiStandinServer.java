package org.fedoraproject.pdcupdater.sandbox.koji;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/** A running {@link KojiStandin} on its own HTTP server; closing it stops the server. */
public final class KojiStandinServer implements AutoCloseable {

    static {
        // The JDK server writes the response headers and the body in two writes; with Nagle's
        // algorithm on, the body waits for the client's delayed ACK of the headers: about 40 ms
        // per request on loopback instead of about 1 ms. The JDK reads this property once, when
        // its first HttpServer starts, so it only helps if no other one started earlier in this
        // JVM (set -Dsun.net.httpserver.nodelay=true on the command line to be sure).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final KojiStandin standin;
    private final URI uri;

    private KojiStandinServer(HttpServer server, ExecutorService workers, KojiStandin standin, URI uri) {
        this.server = server;
        this.workers = workers;
        this.standin = standin;
        this.uri = uri;
    }

    /** Port 0 picks a free port; {@link #uri()} tells which. */
    static KojiStandinServer start(String host, int port, KojiStandin standin) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
        AtomicInteger n = new AtomicInteger();
        // A few workers: clients keep connections alive and call from several threads.
        ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "koji-standin-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext(KojiStandin.PATH, standin);
        server.start();
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        URI uri = URI.create("http://" + hostPart + ":" + server.getAddress().getPort() + KojiStandin.PATH);
        return new KojiStandinServer(server, workers, standin, uri);
    }

    /** The hub URL, e.g. {@code http://127.0.0.1:41234/kojihub}. */
    public URI uri() {
        return uri;
    }

    public KojiStandin standin() {
        return standin;
    }

    public KojiData data() {
        return standin.data();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
