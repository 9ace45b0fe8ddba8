package org.fedoraproject.pdcupdater.fedmsg.zeromq;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZEvent;
import org.zeromq.ZMonitor;

/**
 * Follows the socket monitor events of the subscriber socket for one publisher endpoint and keeps its
 * {@link ZeroMqConnectionState} for health checks.
 *
 * <p>Why an event hook rather than an inproc monitor socket read by the receive thread: ZeroMQ calls the hook
 * from its I/O thread as the event happens, so the state stays current while the receive thread is busy in a
 * slow route, and no extra sockets are needed. The hook therefore must be quick and thread-safe: it only updates
 * volatile fields and logs. The context has a single I/O thread, so events arrive one at a time, in order.
 *
 * <p>Why it also decides when a socket must be replaced: JeroMQ 0.6.0 reconnects after a lost or timed-out
 * connection, but after a <em>protocol</em> error it ends the connection for good — and a frame larger than
 * {@code maxMessageSize} is such an error, as is a peer that does not speak ZMTP. The only trace is a
 * DISCONNECTED event that is not followed by the CONNECT_RETRIED event a normal reconnect starts with. Left
 * alone, that endpoint would stay silent until the service restarts; so when no retry follows within a grace
 * period, {@link #needsNewSocket} tells the receive thread to open a fresh socket, with exponential backoff
 * against a peer that keeps doing it.
 */
final class ConnectionMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionMonitor.class);

    /** A normal reconnect announces itself within microseconds; a second is a safe margin on a loaded host. */
    private static final long FIRST_REPLACEMENT_DELAY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final LongSupplier nanoClock;
    private final String endpoint;
    private final long maxMessageSize;
    private final long maxReplacementDelayNanos;
    private final AtomicLong disconnects = new AtomicLong();
    private final AtomicLong failedHandshakes = new AtomicLong();
    private final AtomicLong replacedSockets = new AtomicLong();
    private final AtomicInteger generation = new AtomicInteger();
    private volatile ZeroMqConnectionState state = ZeroMqConnectionState.CONNECTING;
    private volatile Instant since = Instant.now();
    private volatile boolean everConnected;
    /** Whether ZeroMQ has a connection or a connection attempt under way for the current socket. */
    private volatile boolean zeroMqRetrying = true;
    private volatile long disconnectedAtNanos;
    /** Replacements since the last successful handshake; drives the backoff. */
    private volatile int replacementsInARow;

    ConnectionMonitor(String endpoint, long maxMessageSize, long reconnectIntervalMaxMillis) {
        this(endpoint, maxMessageSize, reconnectIntervalMaxMillis, System::nanoTime);
    }

    /** With a clock of our own, so that tests can check the grace periods without waiting for them. */
    ConnectionMonitor(String endpoint, long maxMessageSize, long reconnectIntervalMaxMillis, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.endpoint = endpoint;
        this.maxMessageSize = maxMessageSize;
        this.maxReplacementDelayNanos = Math.max(FIRST_REPLACEMENT_DELAY_NANOS,
                                                 TimeUnit.MILLISECONDS.toNanos(reconnectIntervalMaxMillis));
    }

    /**
     * The hook to install on a new socket for this endpoint. Events from a socket that has since been replaced
     * are ignored, so a late event of the old socket cannot overwrite the state of the new one.
     */
    ZEvent.ZEventConsummer newSocketHook() {
        int mine = generation.incrementAndGet();
        zeroMqRetrying = true;
        return event -> {
            if (generation.get() == mine) {
                onEvent(event);
            }
        };
    }

    void onEvent(ZEvent event) {
        ZMonitor.Event type = event.getEvent();
        if (type == null) {
            return;
        }
        switch (type) {
            case CONNECT_DELAYED -> zeroMqRetrying = true;
            case CONNECT_RETRIED -> {
                zeroMqRetrying = true;
                LOG.debug("{} is not reachable; ZeroMQ retries in {} ms", endpoint, event.getValue());
            }
            case CONNECTED -> {
                zeroMqRetrying = true;
                moveTo(ZeroMqConnectionState.HANDSHAKING);
            }
            case HANDSHAKE_PROTOCOL, HANDSHAKE_SUCCEEDED -> onHandshake();
            case DISCONNECTED -> onDisconnect();
            case HANDSHAKE_FAILED_PROTOCOL, HANDSHAKE_FAILED_NO_DETAIL, HANDSHAKE_FAILED_AUTH -> {
                failedHandshakes.incrementAndGet();
                LOG.warn("ZeroMQ handshake with {} failed: {} {}", endpoint, type, event.getValue());
            }
            default -> LOG.trace("ZeroMQ event on {}: {}", endpoint, event);
        }
    }

    private void onHandshake() {
        if (state == ZeroMqConnectionState.CONNECTED) {
            return; // ZeroMQ may report both HANDSHAKE_PROTOCOL and HANDSHAKE_SUCCEEDED for one connection
        }
        moveTo(ZeroMqConnectionState.CONNECTED);
        if (everConnected) {
            LOG.info("Reconnected to fedmsg publisher {} (disconnects so far: {})", endpoint, disconnects.get());
        } else {
            everConnected = true;
            LOG.info("Connected to fedmsg publisher {}", endpoint);
        }
    }

    private void onDisconnect() {
        ZeroMqConnectionState previous = state;
        if (previous == ZeroMqConnectionState.CLOSED) {
            return;
        }
        // Timestamp first: needsNewSocket() reads the flag, then the time.
        disconnectedAtNanos = nanoClock.getAsLong();
        zeroMqRetrying = false;
        if (previous == ZeroMqConnectionState.CONNECTED) {
            long count = disconnects.incrementAndGet();
            LOG.warn("Lost connection to fedmsg publisher {} (disconnect #{}). Either the publisher went away or it"
                     + " sent a frame larger than maxMessageSize ({} bytes), which ZeroMQ rejects by closing the"
                     + " connection.", endpoint, count, maxMessageSize);
        } else if (previous == ZeroMqConnectionState.HANDSHAKING) {
            failedHandshakes.incrementAndGet();
            LOG.info("ZeroMQ handshake with {} did not complete; retrying", endpoint);
        }
        moveTo(everConnected ? ZeroMqConnectionState.DISCONNECTED : ZeroMqConnectionState.CONNECTING);
    }

    /**
     * True when ZeroMQ has given up on this endpoint: disconnected, and no reconnect attempt followed within the
     * (backed-off) grace period. Called by the receive thread, which then replaces the socket.
     */
    boolean needsNewSocket() {
        if (zeroMqRetrying || state == ZeroMqConnectionState.CLOSED) {
            return false;
        }
        long delay = FIRST_REPLACEMENT_DELAY_NANOS << Math.min(replacementsInARow, 20);
        return nanoClock.getAsLong() - disconnectedAtNanos >= Math.min(delay, maxReplacementDelayNanos);
    }

    /** Records that the receive thread is replacing the socket; returns the hook for the new one. */
    ZEvent.ZEventConsummer replacingSocket() {
        replacementsInARow++;
        long count = replacedSockets.incrementAndGet();
        LOG.warn("ZeroMQ stopped reconnecting to {} after a protocol error (most likely a frame larger than"
                 + " maxMessageSize = {} bytes, or a peer that does not speak ZeroMQ); opening a new socket"
                 + " (replacement #{})", endpoint, maxMessageSize, count);
        return newSocketHook();
    }

    /** The new socket could not even be created (e.g. the host name no longer resolves): try again later. */
    void replacementFailed() {
        disconnectedAtNanos = nanoClock.getAsLong();
        zeroMqRetrying = false;
    }

    private void moveTo(ZeroMqConnectionState next) {
        if (next == ZeroMqConnectionState.CONNECTED) {
            replacementsInARow = 0;
        }
        if (state != next) {
            state = next;
            since = Instant.now();
        }
    }

    /** Called once the socket is closed, so that late readers do not see a stale "connected". */
    void closed() {
        generation.incrementAndGet();
        moveTo(ZeroMqConnectionState.CLOSED);
    }

    String endpoint() {
        return endpoint;
    }

    ZeroMqConnectionState state() {
        return state;
    }

    Instant since() {
        return since;
    }

    long disconnects() {
        return disconnects.get();
    }

    long failedHandshakes() {
        return failedHandshakes.get();
    }

    long replacedSockets() {
        return replacedSockets.get();
    }
}
