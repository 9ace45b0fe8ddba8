package org.fedoraproject.pdcupdater.console;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.fedoraproject.pdcupdater.console.web.ConsoleRestrictor;
import org.fedoraproject.pdcupdater.console.web.HawtioContext;
import org.fedoraproject.pdcupdater.console.web.ObserveContext;
import org.fedoraproject.pdcupdater.console.web.RootRedirect;
import org.jolokia.server.core.restrictor.policy.PolicyRestrictor;
import org.jolokia.server.core.restrictor.RestrictorFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's one HTTP port: Hawtio and its Jolokia agent under {@code /hawtio/}, health and metrics under
 * {@code /observe/}, on an embedded Jetty 12 that starts and stops with the CamelContext.
 *
 * <p>Why not camel-main's management server (Vert.x), which served /observe before: Hawtio's back end (login,
 * sessions, its filters, the Jolokia agent servlet) is written against the Servlet API, and adapting all of it to
 * Vert.x would be a second Hawtio to maintain; serving /observe from Jetty is two small servlets over the same
 * Camel health checks and meter registry. camel-main's management server is therefore off
 * ({@code camel.management.enabled = false}).
 */
public class ConsoleServer extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);

    private final ConsoleSettings settings;
    private final CamelContext camelContext;
    private final PrometheusMeterRegistry registry;
    private Server server;
    private volatile int port;

    public ConsoleServer(ConsoleSettings settings, CamelContext camelContext, PrometheusMeterRegistry registry) {
        this.settings = settings;
        this.camelContext = camelContext;
        this.registry = registry;
    }

    @Override
    protected void doStart() throws Exception {
        boolean authenticationRequired = settings.authenticationRequired();
        if (!settings.isLoopback()) {
            LOG.warn("The console listens on {}, which other machines can reach: put it behind TLS and keep"
                    + " console-users.properties to the people who need it", settings.host());
        }
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("console");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        // No "Server: Jetty(12.x)" header: the version helps nobody but someone matching it against advisories.
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        server.addConnector(connector);

        ConsoleRestrictor restrictor = new ConsoleRestrictor(policy(), authenticationRequired, this::isOriginAllowed);
        server.setHandler(new ContextHandlerCollection(
                ObserveContext.create(camelContext, registry),
                HawtioContext.create(settings, authenticationRequired, restrictor),
                RootRedirect.create()));
        server.setStopTimeout(2000);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw new IllegalStateException("console cannot listen on " + settings.host() + ":" + settings.port()
                    + ": " + e.getMessage(), e);
        }
        port = connector.getLocalPort();
        LOG.info("Console on http://{}:{}/hawtio/ (login {}); health and metrics on /observe/health and"
                + " /observe/metrics", hostForUrl(), port, authenticationRequired ? "required" : "not required");
    }

    private PolicyRestrictor policy() throws IOException {
        PolicyRestrictor policy = RestrictorFactory.lookupPolicyRestrictor(settings.jolokiaPolicy());
        if (policy == null) {
            // Without its policy the console would expose every attribute of every MBean: refuse to start instead.
            throw new IllegalStateException("Jolokia access policy not found: " + settings.jolokiaPolicy());
        }
        return policy;
    }

    /** The origins a browser shows for the console itself, plus the configured ones (a reverse proxy's URL). */
    boolean isOriginAllowed(String origin) {
        Set<String> allowed = new LinkedHashSet<>();
        allowed.add("http://" + hostForUrl() + ":" + port);
        if (settings.isLoopback()) {
            allowed.add("http://localhost:" + port);
            allowed.add("http://127.0.0.1:" + port);
            allowed.add("http://[::1]:" + port);
        }
        settings.allowedOrigins().forEach(o -> allowed.add(normalize(o)));
        return allowed.contains(normalize(origin));
    }

    private static String normalize(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }

    private String hostForUrl() {
        String host = settings.host();
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** The port actually listened on (useful when {@code console.port} is 0). */
    public int port() {
        return port;
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
