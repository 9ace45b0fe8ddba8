package org.fedoraproject.pdcupdater.fedmsg.zeromq;

import java.nio.charset.StandardCharsets;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A plain JeroMQ PUB socket standing in for a Fedora service: it lets tests send exactly the frames they want,
 * including malformed ones that the component's own producer refuses to make.
 */
final class TestPublisher implements AutoCloseable {

    private final ZContext context = new ZContext(1);
    private final ZMQ.Socket socket;
    private final String endpoint;

    private TestPublisher(String bind) {
        socket = context.createSocket(SocketType.PUB);
        socket.setLinger(0);
        socket.bind(bind);
        endpoint = socket.getLastEndpoint();
    }

    /** Binds to a free loopback port chosen by ZeroMQ, so parallel builds never collide on a port. */
    static TestPublisher onFreePort() {
        return new TestPublisher("tcp://127.0.0.1:*");
    }

    /** Binds to a given endpoint, e.g. the one a closed publisher had, to simulate a service restart. */
    static TestPublisher on(String endpoint) {
        return new TestPublisher(endpoint);
    }

    String endpoint() {
        return endpoint;
    }

    void send(String topic, String body) {
        sendFrames(topic.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8));
    }

    void sendFrames(byte[]... frames) {
        for (int i = 0; i < frames.length; i++) {
            socket.send(frames[i], i < frames.length - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
