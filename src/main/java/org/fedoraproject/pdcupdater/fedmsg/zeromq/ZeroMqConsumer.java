package org.fedoraproject.pdcupdater.fedmsg.zeromq;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQException;

import zmq.ZError;

/**
 * Subscribes to every configured fedmsg publisher and feeds each message into the route.
 *
 * <p>One receive thread per consumer owns all of its ZeroMQ sockets (ZeroMQ sockets are not thread-safe) and
 * runs the route synchronously, so messages of one publisher reach the route in the order they were sent —
 * which gap detection on fedmsg sequence numbers relies on. Throughput is not a concern at that: receiving
 * costs microseconds, and the route's own work dominates.
 */
public class ZeroMqConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ZeroMqConsumer.class);

    /** How long stopping waits for the message in flight to finish before interrupting the receive thread. */
    private static final long STOP_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(30);

    /** Messages taken from one socket before the others get a turn, so that one chatty publisher cannot starve them. */
    private static final int FAIR_SHARE = 100;

    private final ZeroMqEndpoint endpoint;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private volatile List<ConnectionMonitor> monitors = List.of();
    private volatile boolean running;
    private volatile boolean receiving;
    private ExecutorService executor;

    public ZeroMqConsumer(ZeroMqEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    public ZeroMqEndpoint getEndpoint() {
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        ZeroMqConfiguration config = endpoint.getConfiguration();
        String owner = "zeromq-consumer[" + (getRouteId() != null ? getRouteId() : endpoint.getEndpointKey()) + "]";

        // Opened here rather than in the receive thread so that a bad endpoint fails the route start.
        SubscriberGroup group = SubscriberGroup.open(owner, config);
        try {
            monitors = group.monitors();
            registerHealthCheck();
            running = true;
            receiving = true;
            executor = getEndpoint().getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this, owner);
            executor.execute(() -> receiveLoop(group, config.getPollTimeout()));
        } catch (RuntimeException e) {
            // The receive thread never got the sockets, so closing them here is safe.
            running = false;
            receiving = false;
            if (executor != null) {
                getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(executor);
                executor = null;
            }
            group.close();
            throw e;
        }
        endpoint.consumerStarted(this);
        LOG.info("Subscribed to {} with topics {}", config.getEndpointList(),
                 config.getTopicList().isEmpty() ? "(all)" : config.getTopicList());
    }

    private void registerHealthCheck() {
        // Like camel-kafka: only when health checks are in use at all (camel-health present and enabled).
        HealthCheckRepository repository = HealthCheckHelper.getHealthCheckRepository(
                getEndpoint().getCamelContext(), "consumers", HealthCheckRepository.class);
        if (repository != null) {
            ZeroMqConsumerHealthCheck check = new ZeroMqConsumerHealthCheck(this, getRouteId());
            check.setEnabled(endpoint.getComponent().isHealthCheckConsumerEnabled());
            setHealthCheck(check);
        }
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        endpoint.consumerStopped(this);
        if (executor != null) {
            // Waits for the receive loop to finish the message in flight and close the sockets; only interrupts
            // (which ZeroMQ does not like) if the route takes longer than the timeout.
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(executor, STOP_TIMEOUT_MILLIS);
            executor = null;
        }
        super.doStop();
    }

    private void receiveLoop(SubscriberGroup group, long pollTimeout) {
        try (group) {
            while (running && isRunAllowed()) {
                if (!pollOnce(group, pollTimeout)) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            // Reached only if closing the sockets failed; nothing is left to retry.
            LOG.warn("Error while closing the ZeroMQ sockets of {}", endpoint, e);
        } finally {
            receiving = false;
        }
    }

    /** Returns false when the loop must end because the ZeroMQ context is gone. */
    private boolean pollOnce(SubscriberGroup group, long pollTimeout) {
        try {
            for (SubscriberSocket socket : group.poll(pollTimeout)) {
                if (!running) {
                    break;
                }
                drain(socket);
            }
            group.replaceAbandonedSockets();
            return true;
        } catch (ZMQException e) {
            if (e.getErrorCode() == ZError.ETERM) {
                return false;
            }
            // A ZeroMQ error must not end the subscription silently: report it and keep receiving.
            getExceptionHandler().handleException("ZeroMQ receive failed on " + endpoint, e);
            pause(pollTimeout);
            return true;
        } catch (RuntimeException e) {
            getExceptionHandler().handleException("Unexpected error in the ZeroMQ receive loop of " + endpoint, e);
            pause(pollTimeout);
            return true;
        }
    }

    private void drain(SubscriberSocket socket) {
        for (int n = 0; n < FAIR_SHARE && running; n++) {
            MultipartMessage message = socket.receive();
            if (message == null) {
                return;
            }
            process(socket.endpoint(), message, System.currentTimeMillis());
        }
    }

    private void process(String source, MultipartMessage message, long receivedAt) {
        received.incrementAndGet();
        Exchange exchange = createExchange(false);
        try {
            Message in = exchange.getIn();
            in.setBody(message.body());
            if (message.topic() != null) {
                in.setHeader(ZeroMqConstants.TOPIC, message.topic());
            }
            in.setHeader(ZeroMqConstants.RECEIVED_TIMESTAMP, receivedAt);
            in.setHeader(ZeroMqConstants.ENDPOINT, source);
            in.setHeader(ZeroMqConstants.FRAME_COUNT, message.frameCount());
            if (message.isMalformed()) {
                malformed.incrementAndGet();
                in.setHeader(ZeroMqConstants.MALFORMED, message.malformedReason());
                LOG.debug("Malformed ZeroMQ message from {}: {}", source, message.malformedReason());
            }
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        } finally {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException(
                        "Error processing ZeroMQ message from " + source, exchange, exchange.getException());
            }
            releaseExchange(exchange, false);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(Math.max(millis, 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Connection state per configured endpoint, in configuration order. */
    public Map<String, ZeroMqConnectionState> getConnectionStates() {
        Map<String, ZeroMqConnectionState> states = new LinkedHashMap<>();
        for (ConnectionMonitor monitor : monitors) {
            states.put(monitor.endpoint(), monitor.state());
        }
        return Collections.unmodifiableMap(states);
    }

    /** True when at least one publisher connection has completed the ZeroMQ handshake. */
    public boolean isConnected() {
        return running && monitors.stream().anyMatch(m -> m.state().isReady());
    }

    /** True when every configured publisher connection has completed the ZeroMQ handshake. */
    public boolean isFullyConnected() {
        List<ConnectionMonitor> current = monitors;
        return running && !current.isEmpty() && current.stream().allMatch(m -> m.state().isReady());
    }

    /** False once the receive thread has ended, e.g. after stop; a started consumer that is not receiving is broken. */
    public boolean isReceiving() {
        return receiving;
    }

    public long getReceivedCount() {
        return received.get();
    }

    public long getMalformedCount() {
        return malformed.get();
    }

    /** Established connections that were lost, over all endpoints; see {@link ConnectionMonitor} for the causes. */
    public long getDisconnectCount() {
        return monitors.stream().mapToLong(ConnectionMonitor::disconnects).sum();
    }

    /**
     * Sockets replaced because ZeroMQ stopped reconnecting after a protocol error, over all endpoints; in practice
     * each one is a frame larger than {@code maxMessageSize}.
     */
    public long getReplacedSocketCount() {
        return monitors.stream().mapToLong(ConnectionMonitor::replacedSockets).sum();
    }
}
