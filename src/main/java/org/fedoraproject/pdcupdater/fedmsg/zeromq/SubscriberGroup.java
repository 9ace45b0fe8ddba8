package org.fedoraproject.pdcupdater.fedmsg.zeromq;

import java.util.ArrayList;
import java.util.List;

import org.zeromq.ZMQ;

/**
 * All sockets of one consumer: its own ZeroMQ context, one {@link SubscriberSocket} per publisher endpoint, and
 * the poller that waits on all of them at once.
 *
 * <p>Created on the thread that starts the route (so that a bad endpoint fails the start), then used and closed
 * only by the receive thread. The executor hand-off between the two is the memory barrier ZeroMQ asks for when
 * sockets move between threads.
 */
final class SubscriberGroup implements AutoCloseable {

    private final ZeroMqContext context;
    private final ZeroMqConfiguration config;
    private final List<SubscriberSocket> sockets;
    private final List<ConnectionMonitor> monitors;
    private ZMQ.Poller poller;

    private SubscriberGroup(ZeroMqContext context, ZeroMqConfiguration config, List<SubscriberSocket> sockets) {
        this.context = context;
        this.config = config;
        this.sockets = sockets;
        this.monitors = sockets.stream().map(SubscriberSocket::monitor).toList();
    }

    static SubscriberGroup open(String owner, ZeroMqConfiguration config) {
        ZeroMqContext context = new ZeroMqContext(owner);
        List<SubscriberSocket> sockets = new ArrayList<>();
        try {
            for (String endpoint : config.getEndpointList()) {
                sockets.add(SubscriberSocket.open(context, endpoint, config));
            }
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        return new SubscriberGroup(context, config, List.copyOf(sockets));
    }

    List<ConnectionMonitor> monitors() {
        return monitors;
    }

    /** Waits up to {@code timeoutMillis} for input and returns the sockets that have some. */
    List<SubscriberSocket> poll(long timeoutMillis) {
        if (poller == null) {
            poller = context.createPoller(sockets.size());
            for (SubscriberSocket socket : sockets) {
                poller.register(socket.socket(), ZMQ.Poller.POLLIN);
            }
        }
        if (poller.poll(timeoutMillis) <= 0) {
            return List.of();
        }
        List<SubscriberSocket> readable = new ArrayList<>();
        for (int i = 0; i < sockets.size(); i++) {
            if (poller.pollin(i)) {
                readable.add(sockets.get(i));
            }
        }
        return readable;
    }

    /** Replaces the sockets ZeroMQ stopped reconnecting (see {@link ConnectionMonitor}); cheap when there are none. */
    void replaceAbandonedSockets() {
        boolean replaced = false;
        for (SubscriberSocket socket : sockets) {
            if (socket.monitor().needsNewSocket()) {
                if (!replaced && poller != null) {
                    // The poller holds the old socket; a new one is built on the next poll.
                    poller.close();
                    poller = null;
                }
                socket.replace(context, config);
                replaced = true;
            }
        }
    }

    /** Closes every socket and ends ZeroMQ's threads. Receive thread only. */
    @Override
    public void close() {
        try {
            if (poller != null) {
                poller.close();
            }
        } finally {
            monitors.forEach(ConnectionMonitor::closed);
            context.close();
        }
    }
}
