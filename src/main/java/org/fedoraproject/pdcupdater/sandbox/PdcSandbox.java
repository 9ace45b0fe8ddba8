package org.fedoraproject.pdcupdater.sandbox;

import com.sun.net.httpserver.HttpServer;
import org.fedoraproject.pdcupdater.sandbox.api.AuthEndpoints;
import org.fedoraproject.pdcupdater.sandbox.api.CrudEndpoint;
import org.fedoraproject.pdcupdater.sandbox.api.Router;
import org.fedoraproject.pdcupdater.sandbox.db.Database;
import org.fedoraproject.pdcupdater.sandbox.http.Authenticator;
import org.fedoraproject.pdcupdater.sandbox.http.HttpFront;
import org.fedoraproject.pdcupdater.sandbox.resources.Resources;
import org.fedoraproject.pdcupdater.sandbox.seed.ReferenceData;
import org.fedoraproject.pdcupdater.sandbox.seed.ReleaseSeeder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PDC 1.10-compatible REST server backed by H2, for running and testing the updater without a real PDC.
 * Plain JDK HttpServer with a bounded pool; no Camel inside. Start it, point a client at {@link #apiRoot()},
 * close it when done.
 */
public final class PdcSandbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PdcSandbox.class);
    private static final int THREADS = 8;

    private final HttpServer server;
    private final ThreadPoolExecutor pool;
    private final Database db;

    private PdcSandbox(HttpServer server, ThreadPoolExecutor pool, Database db) {
        this.server = server;
        this.pool = pool;
        this.db = db;
    }

    public static PdcSandbox start(SandboxSettings settings) {
        Database db = new Database(settings.jdbcUrl());
        try {
            db.write(tx -> {
                ReferenceData.seed(tx);
                return null;
            });
            Resources resources = new Resources(db);
            if (settings.releasesFile() != null) ReleaseSeeder.seed(db, resources.releases(), settings.releasesFile());

            Authenticator auth = new Authenticator(settings.token());
            Router router = new Router();
            AuthEndpoints.all(auth).forEach(router::add);
            resources.crud().forEach(r -> router.add(new CrudEndpoint(db, r)));
            resources.custom().forEach(router::add);

            // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle + delayed ACK add
            // ~40 ms to every small response. Read once by the JDK's ServerConfig, so set it before the first server.
            if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
            HttpServer server = HttpServer.create(new InetSocketAddress(settings.effectiveHost(), settings.port()), 128);
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(256), r -> {
                        Thread t = new Thread(r, "pdc-sandbox-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    }, new ThreadPoolExecutor.CallerRunsPolicy());
            server.setExecutor(pool);
            server.createContext("/", new HttpFront(router, auth, settings.cacheGets(), settings.maxBodyBytes()));
            server.start();
            PdcSandbox sandbox = new PdcSandbox(server, pool, db);
            LOG.info("PDC sandbox listening on {}", sandbox.apiRoot());
            return sandbox;
        } catch (IOException e) {
            db.close();
            throw new UncheckedIOException("cannot start the PDC sandbox: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:<port>/rest_api/v1/} */
    public URI apiRoot() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        if (host.contains(":")) host = "[" + host + "]";
        return URI.create("http://" + host + ":" + a.getPort() + HttpFront.PREFIX);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdown();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }
}
