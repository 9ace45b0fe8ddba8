package org.fedoraproject.pdcupdater.fedmsg.zeromq;

import java.util.Arrays;
import java.util.List;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/**
 * Options of a {@code zeromq:} endpoint.
 *
 * <p>Defaults follow what fedmsg itself configures for its sockets (keepalive 60/5/3, high water marks large
 * enough to ride out a burst from koji), so a route that names only {@code endpoints} behaves like a fedmsg
 * hub consumer.
 */
@UriParams
public class ZeroMqConfiguration implements Cloneable {

    /** 64 MiB: larger than any fedmsg envelope seen in datagrepper by orders of magnitude, small enough to bound memory. */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 64L * 1024 * 1024;

    @UriPath(enums = "sub,pub",
             description = "The ZeroMQ socket type: sub to consume (subscribe), pub to produce (publish).")
    @Metadata(required = true)
    private String socketType;

    // ----- consumer (SUB) -----

    @UriParam(label = "consumer",
              description = "Comma-separated list of publisher endpoints to connect to, e.g."
                            + " tcp://hub.fedoraproject.org:9940,tcp://koji.fedoraproject.org:3000."
                            + " Every fedmsg publisher binds its own socket, so the consumer connects to all of them at"
                            + " once; each endpoint gets its own SUB socket so its connection state can be reported.")
    private String endpoints;

    @UriParam(label = "consumer", defaultValue = "",
              description = "Comma-separated list of topic prefixes to subscribe to, e.g. org.fedoraproject.prod.buildsys."
                            + " Empty subscribes to every message.")
    private String topics = "";

    @UriParam(label = "consumer", defaultValue = "100000",
              description = "Receive high water mark per endpoint, in messages. When the route falls this far behind,"
                            + " ZeroMQ drops further messages from that publisher (the gap is then seen in the fedmsg"
                            + " sequence numbers). 0 means unlimited.")
    private int receiveHighWaterMark = 100_000;


    @UriParam(label = "consumer", defaultValue = "67108864",
              description = "Largest accepted message frame in bytes (ZMQ_MAXMSGSIZE). ZeroMQ rejects a larger frame by"
                            + " dropping the connection (and reconnecting), so memory stays bounded; such a drop is logged"
                            + " as a disconnect and counted per endpoint. -1 means no limit.")
    private long maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;

    @UriParam(label = "consumer", defaultValue = "250",
              description = "How long the receive thread waits for a message before it checks whether the consumer is"
                            + " stopping, in milliseconds. Bounds how long stopping the route takes.")
    private long pollTimeout = 250;

    @UriParam(label = "consumer", defaultValue = "false",
              description = "Whether the consumer health check reports UP only when every endpoint is connected. By"
                            + " default one connected endpoint is enough, so that a single Fedora service being down"
                            + " does not take pdc-updater out of service; the DOWN endpoints are listed in the details.")
    private boolean healthCheckRequireAllEndpoints;

    // ----- producer (PUB) -----

    @UriParam(label = "producer",
              description = "Endpoint the PUB socket binds to, e.g. tcp://127.0.0.1:9940 (like a fedmsg publisher)."
                            + " A port of 0 or an asterisk lets ZeroMQ pick a free port (see getBoundEndpoint on the endpoint). Use either bind or connect.")
    private String bind;

    @UriParam(label = "producer",
              description = "Comma-separated endpoints the PUB socket connects to (like fedmsg's active mode towards a"
                            + " relay). Use either bind or connect.")
    private String connect;

    @UriParam(label = "producer",
              description = "Topic of sent messages when the message has no CamelZeroMqTopic header.")
    private String topic;

    @UriParam(label = "producer", defaultValue = "100000",
              description = "Send high water mark per subscriber, in messages; beyond it a PUB socket drops messages for"
                            + " that subscriber. 0 means unlimited.")
    private int sendHighWaterMark = 100_000;

    @UriParam(label = "producer", defaultValue = "1000",
              description = "How long, in milliseconds, closing the PUB socket waits to flush queued messages"
                            + " (ZMQ_LINGER). -1 waits forever, 0 discards them.")
    private int linger = 1000;

    // ----- common -----

    @UriParam(label = "common", defaultValue = "true",
              description = "Enable TCP keepalive so that a silently dead peer (a firewall dropping idle connections)"
                            + " is noticed and reconnected.")
    private boolean tcpKeepAlive = true;

    @UriParam(label = "common", defaultValue = "60",
              description = "Seconds a connection stays idle before TCP keepalive probes start (fedmsg's default)."
                            + " 0 or less uses the OS default.")
    private int tcpKeepAliveIdle = 60;

    @UriParam(label = "common", defaultValue = "5",
              description = "Seconds between TCP keepalive probes (fedmsg's default). 0 or less uses the OS default.")
    private int tcpKeepAliveInterval = 5;

    @UriParam(label = "common", defaultValue = "3",
              description = "Unanswered TCP keepalive probes before the connection is declared dead (fedmsg's default)."
                            + " 0 or less uses the OS default.")
    private int tcpKeepAliveCount = 3;

    @UriParam(label = "common", defaultValue = "2000",
              description = "ZeroMQ handshake timeout in milliseconds (ZMQ_HANDSHAKE_IVL). New JeroMQ 0.6.0 connections"
                            + " occasionally stall before the handshake; a short timeout makes ZeroMQ drop and redo such"
                            + " a connection instead of waiting 30 s. Applies to both socket types. 0 disables the"
                            + " timeout.")
    private int handshakeInterval = 2000;

    @UriParam(label = "common", defaultValue = "100",
              description = "First reconnect delay in milliseconds after a connection is lost or refused"
                            + " (ZMQ_RECONNECT_IVL). ZeroMQ reconnects by itself.")
    private long reconnectInterval = 100;

    @UriParam(label = "common", defaultValue = "30000",
              description = "Upper bound in milliseconds of the exponential reconnect backoff (ZMQ_RECONNECT_IVL_MAX);"
                            + " 0 disables the backoff, so every retry waits reconnectInterval.")
    private long reconnectIntervalMax = 30_000;

    public ZeroMqConfiguration copy() {
        try {
            return (ZeroMqConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Splits a comma-separated option, trimming blanks, so that "a, b," and "a,b" mean the same. */
    static List<String> splitList(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
    }

    public List<String> getEndpointList() {
        return splitList(endpoints);
    }

    public List<String> getTopicList() {
        return splitList(topics);
    }

    public List<String> getConnectList() {
        return splitList(connect);
    }

    public String getSocketType() {
        return socketType;
    }

    public void setSocketType(String socketType) {
        this.socketType = socketType;
    }

    public String getEndpoints() {
        return endpoints;
    }

    public void setEndpoints(String endpoints) {
        this.endpoints = endpoints;
    }

    public String getTopics() {
        return topics;
    }

    public void setTopics(String topics) {
        this.topics = topics;
    }

    public int getReceiveHighWaterMark() {
        return receiveHighWaterMark;
    }

    public void setReceiveHighWaterMark(int receiveHighWaterMark) {
        this.receiveHighWaterMark = receiveHighWaterMark;
    }

    public int getHandshakeInterval() {
        return handshakeInterval;
    }

    public void setHandshakeInterval(int handshakeInterval) {
        this.handshakeInterval = handshakeInterval;
    }

    public long getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(long maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public long getPollTimeout() {
        return pollTimeout;
    }

    public void setPollTimeout(long pollTimeout) {
        this.pollTimeout = pollTimeout;
    }

    public boolean isHealthCheckRequireAllEndpoints() {
        return healthCheckRequireAllEndpoints;
    }

    public void setHealthCheckRequireAllEndpoints(boolean healthCheckRequireAllEndpoints) {
        this.healthCheckRequireAllEndpoints = healthCheckRequireAllEndpoints;
    }

    public String getBind() {
        return bind;
    }

    public void setBind(String bind) {
        this.bind = bind;
    }

    public String getConnect() {
        return connect;
    }

    public void setConnect(String connect) {
        this.connect = connect;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public int getSendHighWaterMark() {
        return sendHighWaterMark;
    }

    public void setSendHighWaterMark(int sendHighWaterMark) {
        this.sendHighWaterMark = sendHighWaterMark;
    }

    public int getLinger() {
        return linger;
    }

    public void setLinger(int linger) {
        this.linger = linger;
    }

    public boolean isTcpKeepAlive() {
        return tcpKeepAlive;
    }

    public void setTcpKeepAlive(boolean tcpKeepAlive) {
        this.tcpKeepAlive = tcpKeepAlive;
    }

    public int getTcpKeepAliveIdle() {
        return tcpKeepAliveIdle;
    }

    public void setTcpKeepAliveIdle(int tcpKeepAliveIdle) {
        this.tcpKeepAliveIdle = tcpKeepAliveIdle;
    }

    public int getTcpKeepAliveInterval() {
        return tcpKeepAliveInterval;
    }

    public void setTcpKeepAliveInterval(int tcpKeepAliveInterval) {
        this.tcpKeepAliveInterval = tcpKeepAliveInterval;
    }

    public int getTcpKeepAliveCount() {
        return tcpKeepAliveCount;
    }

    public void setTcpKeepAliveCount(int tcpKeepAliveCount) {
        this.tcpKeepAliveCount = tcpKeepAliveCount;
    }

    public long getReconnectInterval() {
        return reconnectInterval;
    }

    public void setReconnectInterval(long reconnectInterval) {
        this.reconnectInterval = reconnectInterval;
    }

    public long getReconnectIntervalMax() {
        return reconnectIntervalMax;
    }

    public void setReconnectIntervalMax(long reconnectIntervalMax) {
        this.reconnectIntervalMax = reconnectIntervalMax;
    }
}
