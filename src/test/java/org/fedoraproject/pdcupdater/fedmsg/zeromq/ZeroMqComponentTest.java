package org.fedoraproject.pdcupdater.fedmsg.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** URI parsing and validation; no sockets are opened. */
class ZeroMqComponentTest {

    private final CamelContext camel = new DefaultCamelContext();

    @AfterEach
    void close() {
        camel.stop();
    }

    @Test
    void schemeIsDiscoveredFromTheServiceFile() {
        assertThat(camel.getComponent("zeromq")).isInstanceOf(ZeroMqComponent.class);
    }

    @Test
    void defaultsMatchFedmsg() {
        ZeroMqConfiguration config = camel.getEndpoint("zeromq:sub?endpoints=tcp://127.0.0.1:9940",
                                                       ZeroMqEndpoint.class).getConfiguration();

        assertThat(config.getSocketType()).isEqualTo("sub");
        assertThat(config.getTopicList()).isEmpty();
        assertThat(config.getReceiveHighWaterMark()).isEqualTo(100_000);
        assertThat(config.isTcpKeepAlive()).isTrue();
        assertThat(config.getTcpKeepAliveIdle()).isEqualTo(60);
        assertThat(config.getTcpKeepAliveInterval()).isEqualTo(5);
        assertThat(config.getTcpKeepAliveCount()).isEqualTo(3);
        assertThat(config.getReconnectInterval()).isEqualTo(100);
        assertThat(config.getReconnectIntervalMax()).isEqualTo(30_000);
        assertThat(config.getHandshakeInterval()).isEqualTo(2000);
        assertThat(config.getMaxMessageSize()).isEqualTo(64L * 1024 * 1024);
        assertThat(config.getPollTimeout()).isEqualTo(250);
    }

    @Test
    void everyConsumerOptionIsBoundFromTheUri() {
        ZeroMqEndpoint endpoint = camel.getEndpoint("zeromq:SUB?endpoints= tcp://a:1 ,tcp://b:2,,tcp://a:1"
                                                    + "&topics=org.fedoraproject.prod.buildsys.,org.fedoraproject.prod.pkgdb."
                                                    + "&receiveHighWaterMark=10&tcpKeepAlive=false&tcpKeepAliveIdle=7"
                                                    + "&tcpKeepAliveInterval=8&tcpKeepAliveCount=9&reconnectInterval=11"
                                                    + "&reconnectIntervalMax=12&handshakeInterval=13&maxMessageSize=14"
                                                    + "&pollTimeout=15&healthCheckRequireAllEndpoints=true",
                                                    ZeroMqEndpoint.class);
        ZeroMqConfiguration config = endpoint.getConfiguration();

        assertThat(endpoint.getSocketType()).isEqualTo(ZeroMqSocketType.SUB);
        assertThat(config.getEndpointList()).containsExactly("tcp://a:1", "tcp://b:2");
        assertThat(config.getTopicList()).containsExactly("org.fedoraproject.prod.buildsys.", "org.fedoraproject.prod.pkgdb.");
        assertThat(config.getReceiveHighWaterMark()).isEqualTo(10);
        assertThat(config.isTcpKeepAlive()).isFalse();
        assertThat(config.getTcpKeepAliveIdle()).isEqualTo(7);
        assertThat(config.getTcpKeepAliveInterval()).isEqualTo(8);
        assertThat(config.getTcpKeepAliveCount()).isEqualTo(9);
        assertThat(config.getReconnectInterval()).isEqualTo(11);
        assertThat(config.getReconnectIntervalMax()).isEqualTo(12);
        assertThat(config.getHandshakeInterval()).isEqualTo(13);
        assertThat(config.getMaxMessageSize()).isEqualTo(14);
        assertThat(config.getPollTimeout()).isEqualTo(15);
        assertThat(config.isHealthCheckRequireAllEndpoints()).isTrue();
    }

    @Test
    void everyProducerOptionIsBoundFromTheUri() {
        ZeroMqConfiguration config = camel.getEndpoint("zeromq:pub?bind=tcp://127.0.0.1:9940&topic=org.example.t"
                                                       + "&sendHighWaterMark=5&linger=0", ZeroMqEndpoint.class)
                .getConfiguration();

        assertThat(config.getBind()).isEqualTo("tcp://127.0.0.1:9940");
        assertThat(config.getTopic()).isEqualTo("org.example.t");
        assertThat(config.getSendHighWaterMark()).isEqualTo(5);
        assertThat(config.getLinger()).isZero();
    }

    @Test
    void unknownSocketTypeOrOptionFailsEarly() {
        assertThatThrownBy(() -> camel.getEndpoint("zeromq:req?endpoints=tcp://a:1"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("unsupported socket type 'req'");
        assertThatThrownBy(() -> camel.getEndpoint("zeromq:sub?endpoint=tcp://a:1"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("endpoint");
    }

    @Test
    void socketTypeMustFitTheDirection() {
        ZeroMqEndpoint pub = camel.getEndpoint("zeromq:pub?bind=tcp://127.0.0.1:9940", ZeroMqEndpoint.class);
        ZeroMqEndpoint sub = camel.getEndpoint("zeromq:sub?endpoints=tcp://127.0.0.1:9940", ZeroMqEndpoint.class);
        ZeroMqEndpoint subWithoutEndpoints = camel.getEndpoint("zeromq:sub", ZeroMqEndpoint.class);

        assertThatThrownBy(() -> pub.createConsumer(exchange -> { })).hasMessageContaining("only zeromq:sub can consume");
        assertThatThrownBy(sub::createProducer).hasMessageContaining("only zeromq:pub can produce");
        assertThatThrownBy(() -> subWithoutEndpoints.createConsumer(exchange -> { }))
                .hasMessageContaining("needs the option endpoints");
    }

    @Test
    void publisherNeedsExactlyOneOfBindAndConnect() {
        ZeroMqEndpoint neither = camel.getEndpoint("zeromq:pub?topic=t", ZeroMqEndpoint.class);
        ZeroMqEndpoint both = camel.getEndpoint("zeromq:pub?bind=tcp://127.0.0.1:*&connect=tcp://127.0.0.1:1",
                                                ZeroMqEndpoint.class);

        assertThatThrownBy(() -> new ZeroMqPublisher(neither.getConfiguration(), "t").open())
                .hasMessageContaining("exactly one of the options bind or connect");
        assertThatThrownBy(() -> new ZeroMqPublisher(both.getConfiguration(), "t").open())
                .hasMessageContaining("exactly one of the options bind or connect");
    }
}
