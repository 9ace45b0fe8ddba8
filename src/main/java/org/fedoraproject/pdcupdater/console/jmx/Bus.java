package org.fedoraproject.pdcupdater.console.jmx;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

import org.apache.camel.CamelContext;
import org.fedoraproject.pdcupdater.fedmsg.zeromq.ZeroMqConnectionState;
import org.fedoraproject.pdcupdater.fedmsg.zeromq.ZeroMqEndpoint;
import org.fedoraproject.pdcupdater.ingress.Checkpoint;

/** Connection states of every {@code zeromq:} endpoint and the time of the newest handled message. */
public class Bus implements BusMXBean {

    private final CamelContext camelContext;
    private final Checkpoint checkpoint;

    public Bus(CamelContext camelContext, Checkpoint checkpoint) {
        this.camelContext = camelContext;
        this.checkpoint = checkpoint;
    }

    @Override
    public Map<String, String> getConnectionStates() {
        Map<String, String> states = new TreeMap<>();
        for (var endpoint : camelContext.getEndpoints()) {
            if (endpoint instanceof ZeroMqEndpoint zmq) {
                zmq.getConnectionStates().forEach((address, state) -> states.put(address, state.name()));
            }
        }
        return states;
    }

    @Override
    public int getConnectedEndpoints() {
        return (int) getConnectionStates().values().stream()
                .filter(s -> ZeroMqConnectionState.valueOf(s).isReady()).count();
    }

    @Override
    public int getConfiguredEndpoints() {
        return getConnectionStates().size();
    }

    @Override
    public String getLastMessageTime() {
        OptionalDouble last = checkpoint.lastHandled();
        return last.isPresent() ? toInstant(last.getAsDouble()).toString() : "";
    }

    @Override
    public long getSecondsSinceLastMessage() {
        OptionalDouble last = checkpoint.lastHandled();
        return last.isPresent() ? Instant.now().getEpochSecond() - (long) last.getAsDouble() : -1;
    }

    private static Instant toInstant(double epochSeconds) {
        long seconds = (long) epochSeconds;
        return Instant.ofEpochSecond(seconds, (long) ((epochSeconds - seconds) * 1e9));
    }
}
