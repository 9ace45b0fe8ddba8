package org.fedoraproject.pdcupdater.fedmsg.zeromq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;

/** The connection state machine, fed with the events JeroMQ emits, on a clock the test moves by hand. */
class ConnectionMonitorTest {

    private static final String ENDPOINT = "tcp://koji.example:3000";

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final ConnectionMonitor monitor = new ConnectionMonitor(ENDPOINT, 1024, 30_000, clock::get);
    private ZEvent.ZEventConsummer hook = monitor.newSocketHook();

    private void emit(int event) {
        emit(hook, event);
    }

    private static void emit(ZEvent.ZEventConsummer target, int event) {
        Object value = event == ZMQ.EVENT_CONNECTED || event == ZMQ.EVENT_DISCONNECTED ? null : 0;
        target.consume(new zmq.ZMQ.Event(event, ENDPOINT, value));
    }

    private void advanceSeconds(long seconds) {
        clock.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void readyOnlyAfterTheHandshake() {
        assertThat(monitor.state()).isEqualTo(ZeroMqConnectionState.CONNECTING);
        emit(ZMQ.EVENT_CONNECT_DELAYED);
        assertThat(monitor.state()).isEqualTo(ZeroMqConnectionState.CONNECTING);
        emit(ZMQ.EVENT_CONNECTED);
        assertThat(monitor.state()).isEqualTo(ZeroMqConnectionState.HANDSHAKING);
        assertThat(monitor.state().isReady()).isFalse();
        emit(ZMQ.EVENT_HANDSHAKE_PROTOCOL);
        assertThat(monitor.state()).isEqualTo(ZeroMqConnectionState.CONNECTED);
        assertThat(monitor.state().isReady()).isTrue();
    }

    @Test
    void aStalledHandshakeIsRetriedNotCountedAsADisconnect() {
        emit(ZMQ.EVENT_CONNECTED);
        emit(ZMQ.EVENT_DISCONNECTED); // handshakeInterval expired
        emit(ZMQ.EVENT_CONNECT_RETRIED);

        assertThat(monitor.state()).isEqualTo(ZeroMqConnectionState.CONNECTING);
        assertThat(monitor.failedHandshakes()).isEqualTo(1);
        assertThat(monitor.disconnects()).isZero();
    }

    @Test
    void aLostConnectionThatZeroMqRetriesNeedsNoNewSocket() {
        emit(ZMQ.EVENT_CONNECTED);
        emit(ZMQ.EVENT_HANDSHAKE_PROTOCOL);
        emit(ZMQ.EVENT_DISCONNECTED);
        emit(ZMQ.EVENT_CONNECT_RETRIED);
        advanceSeconds(3600);

        assertThat(monitor.state()).isEqualTo(ZeroMqConnectionState.DISCONNECTED);
        assertThat(monitor.disconnects()).isEqualTo(1);
        assertThat(monitor.needsNewSocket()).isFalse();
    }

    @Test
    void aDisconnectWithoutRetryAsksForANewSocketWithBackoff() {
        emit(ZMQ.EVENT_CONNECTED);
        emit(ZMQ.EVENT_HANDSHAKE_PROTOCOL);
        emit(ZMQ.EVENT_DISCONNECTED); // protocol error, e.g. a frame over maxMessageSize: JeroMQ gives up

        assertThat(monitor.needsNewSocket()).as("a retry may still be on its way").isFalse();
        advanceSeconds(1);
        assertThat(monitor.needsNewSocket()).isTrue();

        hook = monitor.replacingSocket();
        assertThat(monitor.replacedSockets()).isEqualTo(1);
        assertThat(monitor.needsNewSocket()).as("the new socket gets its chance").isFalse();

        emit(ZMQ.EVENT_CONNECT_DELAYED);
        emit(ZMQ.EVENT_CONNECTED);
        emit(ZMQ.EVENT_DISCONNECTED); // the peer does it again, before any handshake
        advanceSeconds(1);
        assertThat(monitor.needsNewSocket()).as("second replacement waits twice as long").isFalse();
        advanceSeconds(1);
        assertThat(monitor.needsNewSocket()).isTrue();
    }

    @Test
    void backoffIsCappedAndResetByASuccessfulHandshake() {
        for (int i = 0; i < 10; i++) {
            emit(ZMQ.EVENT_DISCONNECTED);
            advanceSeconds(30); // reconnectIntervalMax
            assertThat(monitor.needsNewSocket()).as("replacement %d", i).isTrue();
            hook = monitor.replacingSocket();
        }
        emit(ZMQ.EVENT_CONNECTED);
        emit(ZMQ.EVENT_HANDSHAKE_PROTOCOL);
        emit(ZMQ.EVENT_DISCONNECTED);
        advanceSeconds(1);

        assertThat(monitor.needsNewSocket()).isTrue();
    }

    @Test
    void eventsOfAReplacedSocketAreIgnored() {
        ZEvent.ZEventConsummer oldHook = hook;
        emit(ZMQ.EVENT_DISCONNECTED);
        advanceSeconds(1);
        hook = monitor.replacingSocket();
        emit(ZMQ.EVENT_CONNECTED);
        emit(ZMQ.EVENT_HANDSHAKE_PROTOCOL);

        emit(oldHook, ZMQ.EVENT_DISCONNECTED);

        assertThat(monitor.state()).isEqualTo(ZeroMqConnectionState.CONNECTED);
    }

    @Test
    void closedStaysClosed() {
        emit(ZMQ.EVENT_CONNECTED);
        emit(ZMQ.EVENT_HANDSHAKE_PROTOCOL);
        monitor.closed();
        emit(ZMQ.EVENT_DISCONNECTED);
        advanceSeconds(60);

        assertThat(monitor.state()).isEqualTo(ZeroMqConnectionState.CLOSED);
        assertThat(monitor.needsNewSocket()).isFalse();
    }
}
