package org.fedoraproject.pdcupdater.testsupport;

import java.nio.charset.StandardCharsets;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** A fedmsg publisher for tests: a real JeroMQ PUB socket bound on a loopback port. */
public final class TestBus implements AutoCloseable {

    private final ZContext context = new ZContext();
    private final ZMQ.Socket socket;
    private final String endpoint;

    public TestBus(int port) {
        this.endpoint = "tcp://127.0.0.1:" + port;
        this.socket = context.createSocket(SocketType.PUB);
        socket.setLinger(1000);
        socket.setSndHWM(0);
        socket.bind(endpoint);
    }

    public static TestBus onFreePort() {
        return new TestBus(TestService.freePort());
    }

    public String endpoint() {
        return endpoint;
    }

    public void send(String topic, byte[] body) {
        socket.sendMore(topic.getBytes(StandardCharsets.UTF_8));
        socket.send(body);
    }

    /** Sends any number of frames as one message, for malformed-input tests. */
    public void sendFrames(byte[]... frames) {
        for (int i = 0; i < frames.length; i++) {
            if (i < frames.length - 1) {
                socket.sendMore(frames[i]);
            } else {
                socket.send(frames[i]);
            }
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
