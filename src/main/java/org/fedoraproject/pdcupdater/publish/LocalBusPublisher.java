package org.fedoraproject.pdcupdater.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.fedmsg.CanonicalJson;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A fedmsg publisher on a local bus: bound (like a Fedora service's own PUB endpoint) or
 * connected (to a relay). It is an XPUB socket so that it can see a subscription arrive: PUB/SUB
 * drops whatever is sent before the subscriber's subscription reached the publisher, so it waits
 * for one before sending.
 */
public final class LocalBusPublisher implements AutoCloseable {

    private final ZContext context = new ZContext();
    private final ZMQ.Socket socket;
    private final String endpoint;

    private LocalBusPublisher(String endpoint, boolean bind) {
        this.endpoint = endpoint;
        this.socket = context.createSocket(SocketType.XPUB);
        try {
            socket.setLinger(10_000);
            socket.setSndHWM(0);
            boolean ok = bind ? socket.bind(endpoint) : socket.connect(endpoint);
            if (!ok) {
                throw new IllegalStateException("cannot " + (bind ? "bind" : "connect") + " " + endpoint);
            }
        } catch (RuntimeException e) {
            context.close();
            throw new IllegalStateException("cannot " + (bind ? "bind" : "connect") + " " + endpoint + ": "
                    + e.getMessage(), e);
        }
    }

    public static LocalBusPublisher bind(String endpoint) {
        return new LocalBusPublisher(endpoint, true);
    }

    public static LocalBusPublisher connect(String endpoint) {
        return new LocalBusPublisher(endpoint, false);
    }

    public String endpoint() {
        return endpoint;
    }

    /** Waits until a subscriber subscribed (to anything); false when none did within {@code limit}. */
    public boolean awaitSubscriber(Duration limit) {
        socket.setReceiveTimeOut((int) Math.min(Integer.MAX_VALUE, Math.max(1, limit.toMillis())));
        byte[] subscription = socket.recv(0);
        // 1 = subscribe, 0 = unsubscribe, then the topic prefix.
        return subscription != null && subscription.length > 0 && subscription[0] == 1;
    }

    /** Sends a signed envelope as fedmsg does: the topic frame, then the canonical JSON. */
    public void send(ObjectNode signedEnvelope) {
        byte[] topic = signedEnvelope.get("topic").asText().getBytes(StandardCharsets.UTF_8);
        if (!socket.sendMore(topic) || !socket.send(CanonicalJson.encode(signedEnvelope), 0)) {
            throw new IllegalStateException("send failed on " + endpoint + " (errno " + socket.errno() + ")");
        }
    }

    /** Closes after the queued messages went out (up to the linger time). */
    @Override
    public void close() {
        context.close();
    }
}
