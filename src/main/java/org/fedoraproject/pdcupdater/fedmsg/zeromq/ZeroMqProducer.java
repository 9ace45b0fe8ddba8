package org.fedoraproject.pdcupdater.fedmsg.zeromq;

import java.nio.charset.StandardCharsets;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * Publishes the exchange as a fedmsg-shaped ZeroMQ message: [topic, body].
 *
 * <p>Used for the local test bus and the {@code publish} command. The body is sent as bytes unchanged, so an
 * envelope that was signed stays byte-identical; a String body is encoded as UTF-8 explicitly rather than with
 * the exchange charset, because fedmsg envelopes are UTF-8 (in practice ASCII) whatever the JVM default is.
 */
public class ZeroMqProducer extends DefaultProducer {

    private final ZeroMqEndpoint endpoint;
    private volatile ZeroMqPublisher publisher;

    public ZeroMqProducer(ZeroMqEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public ZeroMqEndpoint getEndpoint() {
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        publisher = endpoint.acquirePublisher();
    }

    @Override
    protected void doStop() throws Exception {
        if (publisher != null) {
            publisher = null;
            endpoint.releasePublisher();
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        String topic = in.getHeader(ZeroMqConstants.TOPIC, endpoint.getConfiguration().getTopic(), String.class);
        if (topic == null || topic.isEmpty()) {
            // Consumers (ours and fedmsg's) treat an empty topic frame as malformed: refuse to produce one.
            throw new IllegalArgumentException("zeromq: no topic; set header " + ZeroMqConstants.TOPIC
                                               + " or the endpoint option topic");
        }
        ZeroMqPublisher current = publisher;
        if (current == null) {
            throw new IllegalStateException("zeromq: producer of " + endpoint + " is not started");
        }
        current.send(topic.getBytes(StandardCharsets.UTF_8), bodyBytes(in));
    }

    private static byte[] bodyBytes(Message in) throws Exception {
        Object body = in.getBody();
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return in.getMandatoryBody(byte[].class);
    }
}
