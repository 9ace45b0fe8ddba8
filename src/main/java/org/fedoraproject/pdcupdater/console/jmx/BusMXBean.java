package org.fedoraproject.pdcupdater.console.jmx;

import java.util.Map;

/** The fedmsg bus as the service hears it ({@code org.fedoraproject.pdcupdater:type=Bus}). */
public interface BusMXBean {

    /** Each publisher endpoint and where its connection stands (CONNECTED, CONNECTING, HANDSHAKING, ...). */
    Map<String, String> getConnectionStates();

    int getConnectedEndpoints();

    int getConfiguredEndpoints();

    /** Publish time of the newest handled message (ISO-8601), or empty before the first one. */
    String getLastMessageTime();

    /** Seconds since that message was published, or -1 before the first one. */
    long getSecondsSinceLastMessage();
}
