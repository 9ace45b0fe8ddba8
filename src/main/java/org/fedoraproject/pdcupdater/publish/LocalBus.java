package org.fedoraproject.pdcupdater.publish;

import org.apache.camel.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The embedded default's own fedmsg bus, shaped like fedmsg-relay: publishers connect to the
 * inbound endpoint, subscribers (the service's SUB) connect to the outbound one, and a ZeroMQ
 * proxy forwards messages one way and subscriptions the other. It lives as long as the service,
 * so the service's bus connection stays up (and healthy), and {@code publish --connect} can add
 * messages while the service runs.
 */
public final class LocalBus implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBus.class);

    private final String inbound;
    private final String outbound;
    private ZContext context;
    private Thread proxy;

    public LocalBus(String inbound, String outbound) {
        this.inbound = inbound;
        this.outbound = outbound;
    }

    public String inbound() {
        return inbound;
    }

    @Override
    public synchronized void start() {
        if (context != null) {
            return; // started early by PublishConfiguration to find out whether the endpoints are free
        }
        context = new ZContext();
        ZMQ.Socket in = context.createSocket(SocketType.XSUB);
        ZMQ.Socket out = context.createSocket(SocketType.XPUB);
        out.setSndHWM(0);
        in.setRcvHWM(0);
        if (!out.bind(outbound) || !in.bind(inbound)) {
            context.close();
            context = null;
            throw new IllegalStateException("cannot bind the local bus at " + outbound + " / " + inbound);
        }
        proxy = new Thread(() -> {
            try {
                ZMQ.proxy(in, out, null);
            } catch (RuntimeException e) {
                // The context was closed: the service stops.
            }
        }, "local-bus");
        proxy.setDaemon(true);
        proxy.start();
        LOG.info("Local fedmsg bus: publishers connect to {}, subscribers to {}", inbound, outbound);
    }

    @Override
    public synchronized void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }
}
