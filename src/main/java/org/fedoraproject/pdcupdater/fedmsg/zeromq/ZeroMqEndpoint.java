package org.fedoraproject.pdcupdater.fedmsg.zeromq;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.MultipleConsumersSupport;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Send and receive fedmsg messages over ZeroMQ PUB/SUB (two frames: topic, JSON envelope).
 *
 * <p>Besides creating consumers and producers, the endpoint is where operational code asks about the bus:
 * {@link #isConnected()} and {@link #getConnectionStates()} summarise the started consumers of this endpoint.
 */
@UriEndpoint(firstVersion = "4.17.0", scheme = "zeromq", title = "ZeroMQ", syntax = "zeromq:socketType",
             category = { Category.MESSAGING }, headersClass = ZeroMqConstants.class)
public class ZeroMqEndpoint extends DefaultEndpoint implements MultipleConsumersSupport, EndpointServiceLocation {

    @UriParam
    private final ZeroMqConfiguration configuration;

    private final Set<ZeroMqConsumer> consumers = new CopyOnWriteArraySet<>();
    private ZeroMqPublisher publisher;
    private int publisherUsers;

    public ZeroMqEndpoint(String uri, ZeroMqComponent component, ZeroMqConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public ZeroMqComponent getComponent() {
        return (ZeroMqComponent) super.getComponent();
    }

    public ZeroMqConfiguration getConfiguration() {
        return configuration;
    }

    public ZeroMqSocketType getSocketType() {
        return ZeroMqSocketType.fromUri(configuration.getSocketType());
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (getSocketType() != ZeroMqSocketType.SUB) {
            throw new IllegalArgumentException("zeromq: only zeromq:sub can consume; " + getEndpointUri() + " is a "
                                               + getSocketType().uriName() + " endpoint");
        }
        if (configuration.getEndpointList().isEmpty()) {
            throw new IllegalArgumentException("zeromq:sub needs the option endpoints (comma-separated tcp://host:port)");
        }
        ZeroMqConsumer consumer = new ZeroMqConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() throws Exception {
        if (getSocketType() != ZeroMqSocketType.PUB) {
            throw new IllegalArgumentException("zeromq: only zeromq:pub can produce; " + getEndpointUri() + " is a "
                                               + getSocketType().uriName() + " endpoint");
        }
        return new ZeroMqProducer(this);
    }

    /** Every consumer has its own sockets, so several routes may subscribe through one endpoint. */
    @Override
    public boolean isMultipleConsumersSupported() {
        return true;
    }

    synchronized ZeroMqPublisher acquirePublisher() {
        if (publisher == null) {
            ZeroMqPublisher opened = new ZeroMqPublisher(configuration, "zeromq-publisher[" + getEndpointKey() + "]");
            opened.open();
            publisher = opened;
        }
        publisherUsers++;
        return publisher;
    }

    synchronized void releasePublisher() {
        if (publisherUsers > 0 && --publisherUsers == 0) {
            publisher.close();
            publisher = null;
        }
    }

    @Override
    protected synchronized void doStop() throws Exception {
        // Normally the producers have released it already; this covers producers that were never stopped.
        if (publisher != null) {
            publisher.close();
            publisher = null;
            publisherUsers = 0;
        }
        super.doStop();
    }

    /**
     * The address the PUB socket is bound to, with the real port when {@code bind} used port {@code *};
     * {@code null} while no producer is started.
     */
    public synchronized String getBoundEndpoint() {
        return publisher != null ? publisher.boundEndpoint() : null;
    }

    void consumerStarted(ZeroMqConsumer consumer) {
        consumers.add(consumer);
    }

    void consumerStopped(ZeroMqConsumer consumer) {
        consumers.remove(consumer);
    }

    /** True when some started consumer of this endpoint has at least one publisher connection ready. */
    public boolean isConnected() {
        return consumers.stream().anyMatch(ZeroMqConsumer::isConnected);
    }

    /**
     * Connection state per publisher endpoint over the started consumers of this endpoint (normally one); empty
     * when no consumer is started. When two consumers disagree about an endpoint, the less ready state wins.
     */
    public Map<String, ZeroMqConnectionState> getConnectionStates() {
        Map<String, ZeroMqConnectionState> states = new LinkedHashMap<>();
        for (ZeroMqConsumer consumer : consumers) {
            consumer.getConnectionStates().forEach((address, state) -> states.merge(
                    address, state, (a, b) -> a.isReady() ? b : a));
        }
        return states;
    }

    @Override
    public String getServiceUrl() {
        return switch (getSocketType()) {
            case SUB -> configuration.getEndpoints();
            case PUB -> configuration.getBind() != null ? configuration.getBind() : configuration.getConnect();
        };
    }

    @Override
    public String getServiceProtocol() {
        return "zeromq";
    }
}
