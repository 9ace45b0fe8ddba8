package org.fedoraproject.pdcupdater.fedmsg.zeromq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.junit.jupiter.api.Test;

/** The SUB consumer against real JeroMQ publishers on loopback. */
class ZeroMqConsumerIT extends ZeroMqTestSupport {

    private static final byte[] ENVELOPE =
            "{\"i\":1,\"msg\":{\"name\":\"caf\u00e9\"},\"topic\":\"org.fedoraproject.prod.buildsys.build.state.change\"}"
                    .getBytes(StandardCharsets.UTF_8);

    @Test
    void deliversTopicHeaderAndExactBodyBytes() throws Exception {
        TestPublisher publisher = publisher();
        consumeInto("bus", "zeromq:sub?endpoints=" + publisher.endpoint() + "&topics=org.fedoraproject.");
        camel.start();
        probe(publisher);

        publisher.sendFrames("org.fedoraproject.prod.buildsys.build.state.change".getBytes(StandardCharsets.US_ASCII),
                             ENVELOPE);

        Message message = next().getIn();
        assertThat(message.getHeader(ZeroMqConstants.TOPIC))
                .isEqualTo("org.fedoraproject.prod.buildsys.build.state.change");
        assertThat(message.getBody()).isInstanceOf(byte[].class);
        assertThat((byte[]) message.getBody()).isEqualTo(ENVELOPE);
        assertThat(message.getHeader(ZeroMqConstants.ENDPOINT)).isEqualTo(publisher.endpoint());
        assertThat(message.getHeader(ZeroMqConstants.RECEIVED_TIMESTAMP, Long.class)).isPositive();
        assertThat(message.getHeader(ZeroMqConstants.FRAME_COUNT)).isEqualTo(2);
        assertThat(message.getHeader(ZeroMqConstants.MALFORMED)).isNull();
    }

    @Test
    void deliversOnlySubscribedTopicPrefixes() throws Exception {
        TestPublisher publisher = publisher();
        consumeInto("bus", "zeromq:sub?endpoints=" + publisher.endpoint()
                           + "&topics=org.fedoraproject.prod.buildsys., org.fedoraproject.test.");
        camel.start();
        probe(publisher);

        publisher.send("org.fedoraproject.prod.fas.user.create", "{\"skip\":1}");
        publisher.send("com.example.buildsys.tag", "{\"skip\":2}");
        publisher.send("org.fedoraproject.prod.buildsys.tag", "{\"keep\":1}");
        publisher.send("org.fedoraproject.test.hello", "{\"keep\":2}");

        // One connection delivers in order: had the filtered messages come through, they would be seen first.
        assertThat(next().getIn().getHeader(ZeroMqConstants.TOPIC)).isEqualTo("org.fedoraproject.prod.buildsys.tag");
        assertThat(next().getIn().getHeader(ZeroMqConstants.TOPIC)).isEqualTo("org.fedoraproject.test.hello");
    }

    @Test
    void oneConsumerReceivesFromSeveralPublishers() throws Exception {
        TestPublisher koji = publisher();
        TestPublisher pkgdb = publisher();
        consumeInto("bus", "zeromq:sub?endpoints=" + koji.endpoint() + "," + pkgdb.endpoint()
                           + "&topics=org.fedoraproject.");
        camel.start();
        probe(koji);
        probe(pkgdb);
        Await.until("both endpoints connected", () -> consumer("bus").isFullyConnected());

        koji.send("org.fedoraproject.prod.buildsys.build.state.change", "{\"from\":\"koji\"}");
        pkgdb.send("org.fedoraproject.prod.pkgdb.package.new", "{\"from\":\"pkgdb\"}");

        Map<Object, Object> topicBySource = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            Message message = next().getIn();
            topicBySource.put(message.getHeader(ZeroMqConstants.ENDPOINT), message.getHeader(ZeroMqConstants.TOPIC));
        }
        assertThat(topicBySource).containsOnly(
                Map.entry(koji.endpoint(), "org.fedoraproject.prod.buildsys.build.state.change"),
                Map.entry(pkgdb.endpoint(), "org.fedoraproject.prod.pkgdb.package.new"));
        ZeroMqEndpoint endpoint = (ZeroMqEndpoint) camel.getRoute("bus").getEndpoint();
        assertThat(endpoint.getConnectionStates()).containsOnly(
                Map.entry(koji.endpoint(), ZeroMqConnectionState.CONNECTED),
                Map.entry(pkgdb.endpoint(), ZeroMqConnectionState.CONNECTED));
        assertThat(endpoint.isConnected()).isTrue();
    }

    @Test
    void reconnectsWhenThePublisherRestartsOnTheSamePort() throws Exception {
        TestPublisher first = publisher();
        String address = first.endpoint();
        consumeInto("bus", "zeromq:sub?endpoints=" + address + "&topics=org.fedoraproject.");
        camel.start();
        probe(first);
        first.send("org.fedoraproject.prod.before", "{\"n\":1}");
        assertThat(next().getIn().getHeader(ZeroMqConstants.TOPIC)).isEqualTo("org.fedoraproject.prod.before");

        first.close();
        Await.until("consumer notices the publisher is gone",
                    () -> consumer("bus").getConnectionStates().get(address) == ZeroMqConnectionState.DISCONNECTED);
        assertThat(consumer("bus").isConnected()).isFalse();

        TestPublisher second = track(TestPublisher.on(address));
        Await.until("consumer reconnects", () -> consumer("bus").isConnected());
        probe(second);
        second.send("org.fedoraproject.prod.after", "{\"n\":2}");

        assertThat(next().getIn().getHeader(ZeroMqConstants.TOPIC)).isEqualTo("org.fedoraproject.prod.after");
        assertThat(consumer("bus").getDisconnectCount()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void deliversMalformedMessagesWithAReasonAndKeepsConsuming() throws Exception {
        TestPublisher publisher = publisher();
        consumeInto("bus", "zeromq:sub?endpoints=" + publisher.endpoint() + "&topics=org.fedoraproject.");
        camel.start();
        probe(publisher);

        byte[] lone = "org.fedoraproject.prod.lone-frame".getBytes(StandardCharsets.UTF_8);
        byte[] topic = "org.fedoraproject.prod.three".getBytes(StandardCharsets.UTF_8);
        byte[] extra = "trailing".getBytes(StandardCharsets.UTF_8);
        publisher.sendFrames(lone);
        publisher.sendFrames(topic, ENVELOPE, extra);
        publisher.send("org.fedoraproject.prod.good", "{\"ok\":true}");

        Message one = next().getIn();
        assertThat(one.getHeader(ZeroMqConstants.MALFORMED, String.class)).contains("got 1");
        assertThat(one.getHeader(ZeroMqConstants.TOPIC)).isNull();
        assertThat(one.getHeader(ZeroMqConstants.FRAME_COUNT)).isEqualTo(1);
        assertThat((byte[]) one.getBody()).isEqualTo(lone);

        Message three = next().getIn();
        assertThat(three.getHeader(ZeroMqConstants.MALFORMED, String.class)).contains("got 3");
        assertThat(three.getHeader(ZeroMqConstants.TOPIC)).isEqualTo("org.fedoraproject.prod.three");
        assertThat(three.getHeader(ZeroMqConstants.FRAME_COUNT)).isEqualTo(3);
        assertThat((byte[]) three.getBody()).isEqualTo(ENVELOPE);

        // The third frame was drained: the next message starts cleanly with its own topic.
        Message good = next().getIn();
        assertThat(good.getHeader(ZeroMqConstants.MALFORMED)).isNull();
        assertThat(good.getHeader(ZeroMqConstants.TOPIC)).isEqualTo("org.fedoraproject.prod.good");
        assertThat(good.getBody(String.class)).isEqualTo("{\"ok\":true}");
        assertThat(consumer("bus").getMalformedCount()).isEqualTo(2);
    }

    @Test
    void flagsEmptyFramesWhenSubscribedToEverything() throws Exception {
        TestPublisher publisher = publisher();
        consumeInto("bus", "zeromq:sub?endpoints=" + publisher.endpoint());
        camel.start();
        probe(publisher);

        publisher.sendFrames(new byte[0], ENVELOPE);
        publisher.sendFrames("org.fedoraproject.prod.empty".getBytes(StandardCharsets.UTF_8), new byte[0]);
        publisher.send("org.fedoraproject.prod.good", "{}");

        Message emptyTopic = next().getIn();
        assertThat(emptyTopic.getHeader(ZeroMqConstants.MALFORMED)).isEqualTo("empty topic frame");
        assertThat((byte[]) emptyTopic.getBody()).isEqualTo(ENVELOPE);
        Message emptyBody = next().getIn();
        assertThat(emptyBody.getHeader(ZeroMqConstants.MALFORMED)).isEqualTo("empty body frame");
        assertThat((byte[]) emptyBody.getBody()).isEmpty();
        assertThat(next().getIn().getHeader(ZeroMqConstants.MALFORMED)).isNull();
    }

    @Test
    void keepsConsumingWhenTheRouteFails() throws Exception {
        TestPublisher publisher = publisher();
        camel.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("zeromq:sub?endpoints=" + publisher.endpoint()).routeId("bus")
                        .process(exchange -> {
                            if ("org.fedoraproject.prod.boom".equals(
                                    exchange.getIn().getHeader(ZeroMqConstants.TOPIC))) {
                                throw new IllegalStateException("route failure on purpose");
                            }
                            received.add(exchange.copy());
                        });
            }
        });
        camel.start();
        probe(publisher);

        publisher.send("org.fedoraproject.prod.boom", "{}");
        publisher.send("org.fedoraproject.prod.after-boom", "{}");

        Exchange after = next();
        assertThat(after.getIn().getHeader(ZeroMqConstants.TOPIC)).isEqualTo("org.fedoraproject.prod.after-boom");
        assertThat(consumer("bus").isReceiving()).isTrue();
    }

    @Test
    void oversizedMessageCostsTheConnectionButNotTheSubscription() throws Exception {
        TestPublisher publisher = publisher();
        consumeInto("bus", "zeromq:sub?endpoints=" + publisher.endpoint() + "&maxMessageSize=1024");
        camel.start();
        probe(publisher);

        publisher.send("org.fedoraproject.prod.huge", "x".repeat(4096));

        // ZeroMQ enforces the limit by dropping the connection, and JeroMQ does not reconnect after such a protocol
        // error: the consumer notices and opens a new socket.
        Await.until("the oversized frame dropped the connection", () -> consumer("bus").getDisconnectCount() >= 1);
        Await.until("a new socket replaced the abandoned one", () -> consumer("bus").getReplacedSocketCount() >= 1);
        Await.until("connected again", () -> consumer("bus").isConnected());
        probe(publisher);
        publisher.send("org.fedoraproject.prod.small", "{}");

        assertThat(next().getIn().getHeader(ZeroMqConstants.TOPIC)).as("the oversized message was never delivered")
                .isEqualTo("org.fedoraproject.prod.small");
    }
}
