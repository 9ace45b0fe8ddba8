package org.fedoraproject.pdcupdater.source.koji;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import org.fedoraproject.pdcupdater.sandbox.koji.KojiData;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiStandin;

/**
 * The Koji stand-in mounted in a test's own HTTP server, with a hook that may answer a request
 * itself (misbehave) before the stand-in sees it. Records the client port of every request, which
 * shows whether connections were reused.
 */
final class HubInFront implements AutoCloseable {

    /** Answers the request (returns true) or lets the stand-in answer it (false). */
    interface Hook {
        boolean handle(int requestNumber, HttpExchange exchange) throws IOException;
    }

    final KojiStandin standin;
    final List<Integer> clientPorts = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final HttpServer server;
    private volatile Hook hook = (n, exchange) -> false;

    HubInFront(KojiData data) {
        standin = new KojiStandin(data);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpHandler front = exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            if (!hook.handle(requests.incrementAndGet(), exchange)) {
                standin.handle(exchange);
            }
        };
        server.createContext(KojiStandin.PATH, front);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hub-in-front");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    HubInFront hook(Hook newHook) {
        this.hook = newHook;
        return this;
    }

    int requests() {
        return requests.get();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + KojiStandin.PATH);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
