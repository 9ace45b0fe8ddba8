package org.fedoraproject.pdcupdater.sandbox;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpHandler;
import org.apache.camel.Service;
import org.fedoraproject.pdcupdater.sandbox.standin.StandinServer;
import org.fedoraproject.pdcupdater.sandbox.standin.StandinSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the embedded default runs in-process instead of Fedora's servers: the PDC sandbox and the
 * source-system stand-ins (FAS, pkgdb, dist-git, MBS, Koji), each speaking its real protocol over
 * real HTTP on loopback, so the service runs end to end offline.
 */
public final class EmbeddedSystems implements AutoCloseable, Service {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSystems.class);

    private final PdcSandbox pdc;
    private final StandinServer standins;

    private EmbeddedSystems(PdcSandbox pdc, StandinServer standins) {
        this.pdc = pdc;
        this.standins = standins;
    }

    /**
     * @param settings     the PDC sandbox
     * @param standinsPort where the source-system stand-ins listen (0 = any free port)
     * @param extra        more stand-ins to mount (context path → handler), e.g. Koji's
     */
    public static EmbeddedSystems start(SandboxSettings settings, int standinsPort, Map<String, HttpHandler> extra) {
        PdcSandbox pdc = PdcSandbox.start(settings);
        try {
            Map<String, HttpHandler> handlers = new HashMap<>(StandinSet.bundled().handlers());
            handlers.putAll(extra);
            StandinServer standins = StandinServer.start(settings.host(), standinsPort, handlers);
            LOG.info("Embedded PDC sandbox at {}; source-system stand-ins at {}", pdc.apiRoot(), standins.uri());
            return new EmbeddedSystems(pdc, standins);
        } catch (RuntimeException e) {
            pdc.close();
            throw e;
        }
    }

    public URI pdcApiRoot() {
        return pdc.apiRoot();
    }

    /** The base URL of one stand-in, e.g. {@code standin("/fas/")}. */
    public URI standin(String contextPath) {
        return standins.uri(contextPath);
    }

    @Override
    public void start() {
        // Started in start(...): the clients need the ports before Camel starts its services.
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public void close() {
        standins.close();
        pdc.close();
    }
}
