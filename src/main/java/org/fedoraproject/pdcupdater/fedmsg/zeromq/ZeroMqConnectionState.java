package org.fedoraproject.pdcupdater.fedmsg.zeromq;

/**
 * Where one subscriber connection to one publisher endpoint stands, as seen by ZeroMQ's socket monitor.
 *
 * <p>TCP being connected is not enough to call a connection usable: JeroMQ can sit on an open TCP connection
 * that never finishes the ZeroMQ handshake, and such a socket receives nothing. Only {@link #CONNECTED}, reached
 * after the handshake, counts as ready.
 */
public enum ZeroMqConnectionState {

    /** Not connected yet, or a connection attempt failed and ZeroMQ waits before the next one. */
    CONNECTING,

    /** TCP is up; waiting for the ZeroMQ handshake (which {@code handshakeInterval} bounds). */
    HANDSHAKING,

    /** Handshake done: messages flow. */
    CONNECTED,

    /** A connection was lost; ZeroMQ reconnects by itself with backoff. */
    DISCONNECTED,

    /** The consumer is stopped; its sockets are closed. */
    CLOSED;

    public boolean isReady() {
        return this == CONNECTED;
    }
}
