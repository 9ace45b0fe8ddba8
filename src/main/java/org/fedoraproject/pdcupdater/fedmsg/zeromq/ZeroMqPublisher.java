package org.fedoraproject.pdcupdater.fedmsg.zeromq;

import java.util.List;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The PUB socket of one {@code zeromq:pub} endpoint, shared by all of that endpoint's producers.
 *
 * <p>Why shared: a bind address can be bound once, and for connect mode every extra socket would look like
 * another publisher to the subscribers (each with its own slow-joiner window). So every route that sends to
 * the endpoint uses this one socket.
 *
 * <p>Why {@code synchronized}: ZeroMQ sockets are not thread-safe, and Camel may call a producer from many
 * threads at once. A lock is the simple correct answer here: a PUB send only queues the message (it never
 * blocks; past the high water mark ZeroMQ drops instead), so the lock is held for microseconds, and it also
 * provides the memory barrier ZeroMQ requires when a socket is used from different threads. Per-thread sockets
 * would break the single-bind and single-publisher properties above. The lock also keeps the two frames of a
 * message together: interleaved sends would mix topics and bodies of different messages.
 */
final class ZeroMqPublisher {

    private final ZeroMqConfiguration config;
    private final String owner;
    private ZeroMqContext context;
    private ZMQ.Socket socket;
    private String boundEndpoint;

    ZeroMqPublisher(ZeroMqConfiguration config, String owner) {
        this.config = config;
        this.owner = owner;
    }

    synchronized void open() {
        String bind = config.getBind();
        List<String> connect = config.getConnectList();
        if ((bind == null || bind.isBlank()) == connect.isEmpty()) {
            throw new IllegalArgumentException("zeromq:pub needs exactly one of the options bind or connect");
        }
        ZeroMqContext newContext = new ZeroMqContext(owner);
        try {
            ZMQ.Socket pub = newContext.createSocket(SocketType.PUB);
            pub.setLinger(config.getLinger());
            pub.setSndHWM(config.getSendHighWaterMark());
            pub.setHandshakeIvl(config.getHandshakeInterval());
            pub.setReconnectIVL(config.getReconnectInterval());
            pub.setReconnectIVLMax(config.getReconnectIntervalMax());
            SubscriberSocket.applyKeepAlive(pub, config);
            if (bind != null && !bind.isBlank()) {
                if (!pub.bind(bind.trim())) {
                    throw new IllegalArgumentException("zeromq: cannot bind to '" + bind + "' (errno " + pub.errno() + ")");
                }
                // With port * ZeroMQ picks the port; callers need the real address.
                boundEndpoint = pub.getLastEndpoint();
            } else {
                for (String address : connect) {
                    if (!pub.connect(address)) {
                        throw new IllegalArgumentException(
                                "zeromq: cannot connect to '" + address + "' (errno " + pub.errno() + ")");
                    }
                }
            }
            socket = pub;
            context = newContext;
        } catch (RuntimeException e) {
            newContext.close();
            throw e;
        }
    }

    synchronized void send(byte[] topic, byte[] body) {
        if (socket == null) {
            throw new IllegalStateException("zeromq: the publisher of " + owner + " is closed");
        }
        if (!socket.sendMore(topic) || !socket.send(body, 0)) {
            throw new IllegalStateException("zeromq: send failed on " + owner + " (errno " + socket.errno() + ")");
        }
    }

    /** Closes the socket, waiting up to {@code linger} ms for queued messages to leave. */
    synchronized void close() {
        if (context != null) {
            try {
                context.close();
            } finally {
                context = null;
                socket = null;
            }
        }
    }

    synchronized String boundEndpoint() {
        return boundEndpoint;
    }
}
