package org.fedoraproject.pdcupdater.fedmsg.zeromq;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.zeromq.SocketType;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;

/**
 * The SUB socket for one publisher endpoint.
 *
 * <p>Why one socket per endpoint instead of one socket connected to all of them: a socket monitor reports
 * resolved addresses, which need not match the configured host names, whereas a socket of its own gives each
 * endpoint an unambiguous connection state; a socket that ZeroMQ gave up on can be replaced without touching the
 * other endpoints; and knowing which publisher a message came from is what per-publisher sequence gap detection
 * needs. ZeroMQ's per-connection queues make the two set-ups otherwise equivalent.
 *
 * <p>Not thread-safe, like any ZeroMQ socket: after {@link #open} only the consumer's receive thread uses it.
 */
final class SubscriberSocket {

    private final String endpoint;
    private final ConnectionMonitor monitor;
    private ZMQ.Socket socket;

    private SubscriberSocket(String endpoint, ConnectionMonitor monitor, ZMQ.Socket socket) {
        this.endpoint = endpoint;
        this.monitor = monitor;
        this.socket = socket;
    }

    static SubscriberSocket open(ZeroMqContext context, String endpoint, ZeroMqConfiguration config) {
        ConnectionMonitor monitor = new ConnectionMonitor(endpoint, config.getMaxMessageSize(),
                                                          config.getReconnectIntervalMax());
        return new SubscriberSocket(endpoint, monitor, connect(context, endpoint, config, monitor.newSocketHook()));
    }

    /** Closes the socket ZeroMQ gave up on and connects a new one; see {@link ConnectionMonitor}. */
    void replace(ZeroMqContext context, ZeroMqConfiguration config) {
        ZEvent.ZEventConsummer hook = monitor.replacingSocket();
        ZMQ.Socket fresh;
        try {
            fresh = connect(context, endpoint, config, hook);
        } catch (RuntimeException e) {
            monitor.replacementFailed();
            throw e;
        }
        context.destroySocket(socket);
        socket = fresh;
    }

    private static ZMQ.Socket connect(ZeroMqContext context, String endpoint, ZeroMqConfiguration config,
                                      ZEvent.ZEventConsummer hook) {
        ZMQ.Socket socket = context.createSocket(SocketType.SUB);
        try {
            // A subscriber has nothing to flush on close; never let closing wait.
            socket.setLinger(0);
            socket.setRcvHWM(config.getReceiveHighWaterMark());
            socket.setMaxMsgSize(config.getMaxMessageSize());
            socket.setHandshakeIvl(config.getHandshakeInterval());
            socket.setReconnectIVL(config.getReconnectInterval());
            socket.setReconnectIVLMax(config.getReconnectIntervalMax());
            applyKeepAlive(socket, config);
            // The hook must be in place before connect(), or the first events could be missed.
            socket.setEventHook(hook, ZMQ.EVENT_ALL);
            List<String> topics = config.getTopicList();
            if (topics.isEmpty()) {
                socket.subscribe(new byte[0]);
            } else {
                for (String topic : topics) {
                    socket.subscribe(topic.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!socket.connect(endpoint)) {
                throw new IllegalArgumentException("zeromq: cannot connect to '" + endpoint + "' (errno "
                                                   + socket.errno() + ")");
            }
            return socket;
        } catch (RuntimeException e) {
            context.destroySocket(socket);
            throw e;
        }
    }

    static void applyKeepAlive(ZMQ.Socket socket, ZeroMqConfiguration config) {
        socket.setTCPKeepAlive(config.isTcpKeepAlive() ? 1 : 0);
        if (config.isTcpKeepAlive()) {
            // JeroMQ ignores values <= 0 here, which leaves the OS default in place.
            socket.setTCPKeepAliveIdle(config.getTcpKeepAliveIdle());
            socket.setTCPKeepAliveInterval(config.getTcpKeepAliveInterval());
            socket.setTCPKeepAliveCount(config.getTcpKeepAliveCount());
        }
    }

    /**
     * Takes one whole message off the socket without waiting, or returns {@code null} when none is queued.
     * ZeroMQ delivers multipart messages atomically, so once the first frame is there the rest is too; they are
     * always read to the end, or the next receive would start in the middle of this message.
     */
    MultipartMessage receive() {
        byte[] first = socket.recv(ZMQ.DONTWAIT);
        if (first == null) {
            return null;
        }
        byte[] second = null;
        int frames = 1;
        while (socket.hasReceiveMore()) {
            byte[] frame = socket.recv(0);
            if (frame == null) {
                break; // context terminated under us; the caller notices on its next poll
            }
            frames++;
            if (frames == 2) {
                second = frame;
            }
        }
        return MultipartMessage.of(first, second, frames);
    }

    String endpoint() {
        return endpoint;
    }

    ZMQ.Socket socket() {
        return socket;
    }

    ConnectionMonitor monitor() {
        return monitor;
    }
}
