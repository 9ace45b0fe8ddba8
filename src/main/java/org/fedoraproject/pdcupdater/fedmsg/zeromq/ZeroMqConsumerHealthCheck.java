package org.fedoraproject.pdcupdater.fedmsg.zeromq;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of a {@code zeromq:sub} consumer: ready only when its bus sockets have completed the ZeroMQ handshake,
 * so that a deployment does not count pdc-updater in service while it hears nothing.
 *
 * <p>Registered the way Camel's own components do it (camel-kafka): the consumer hands it to
 * {@code DefaultConsumer.setHealthCheck}, and Camel's {@code consumers} health check repository calls it as part
 * of the route's consumer check ({@code consumer:<routeId>}).
 *
 * <p>Readiness only, never liveness: a lost publisher is healed by ZeroMQ's reconnect, not by restarting the JVM.
 */
public class ZeroMqConsumerHealthCheck extends AbstractHealthCheck {

    private final ZeroMqConsumer consumer;
    private final String routeId;

    public ZeroMqConsumerHealthCheck(ZeroMqConsumer consumer, String routeId) {
        super("camel", "zeromq-consumer-" + routeId);
        this.consumer = consumer;
        this.routeId = routeId;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Map<String, ZeroMqConnectionState> states = consumer.getConnectionStates();
        List<String> notReady = states.entrySet().stream()
                .filter(e -> !e.getValue().isReady())
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList();
        long ready = states.size() - notReady.size();

        if (routeId != null) {
            builder.detail("route.id", routeId);
        }
        builder.detail("zeromq.endpoints", states.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",")));
        builder.detail("zeromq.connected", ready);
        builder.detail("zeromq.received", consumer.getReceivedCount());
        builder.detail("zeromq.malformed", consumer.getMalformedCount());
        builder.detail("zeromq.disconnects", consumer.getDisconnectCount());
        builder.detail("zeromq.replacedSockets", consumer.getReplacedSocketCount());

        boolean requireAll = consumer.getEndpoint().getConfiguration().isHealthCheckRequireAllEndpoints();
        if (!consumer.isReceiving()) {
            builder.down().message("ZeroMQ receive thread is not running");
        } else if (requireAll ? !consumer.isFullyConnected() : !consumer.isConnected()) {
            builder.down().message("Not connected to " + (requireAll ? "every" : "any") + " fedmsg publisher: " + notReady);
        } else {
            if (!notReady.isEmpty()) {
                builder.message("Connected to " + ready + " of " + states.size() + " publishers; not to " + notReady);
            }
            builder.up();
        }
    }
}
