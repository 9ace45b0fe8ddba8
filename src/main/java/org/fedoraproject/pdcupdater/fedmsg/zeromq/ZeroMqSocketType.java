package org.fedoraproject.pdcupdater.fedmsg.zeromq;

import java.util.Locale;

/**
 * The ZeroMQ socket patterns this component speaks. fedmsg is a pure PUB/SUB bus, so these two are all the
 * ingress and the local test bus need; a REQ socket for replay would be added here when it is written.
 */
public enum ZeroMqSocketType {

    /** Subscriber: the consumer side, connects to every publisher of the bus. */
    SUB,

    /** Publisher: the producer side, binds (like a Fedora service) or connects (like a relay client). */
    PUB;

    /** URIs spell the type in lower case ({@code zeromq:sub}); accept any case but name the choices when wrong. */
    public static ZeroMqSocketType fromUri(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("zeromq: the socket type is missing; use zeromq:sub or zeromq:pub");
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "zeromq: unsupported socket type '" + value + "'; use zeromq:sub or zeromq:pub", e);
        }
    }

    public String uriName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
