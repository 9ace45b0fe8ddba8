package org.fedoraproject.pdcupdater.fedmsg.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** The component on both sides: zeromq:pub producer to zeromq:sub consumer. */
class ZeroMqRoundTripIT extends ZeroMqTestSupport {

    private String startPublisherRoute(String options) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:publish").routeId("publish").to("zeromq:pub?bind=tcp://127.0.0.1:*" + options);
            }
        });
        camel.start();
        ZeroMqEndpoint pub = camel.getEndpoint("zeromq:pub?bind=tcp://127.0.0.1:*" + options, ZeroMqEndpoint.class);
        assertThat(pub.getBoundEndpoint()).as("bound address with the port ZeroMQ chose").matches("tcp://127\\.0\\.0\\.1:\\d+");
        return pub.getBoundEndpoint();
    }

    @Test
    void producerToConsumerKeepsTopicAndBytes() throws Exception {
        String bound = startPublisherRoute("&topic=org.fedoraproject.dev.default");
        consumeInto("bus", "zeromq:sub?endpoints=" + bound + "&topics=org.fedoraproject.");
        ProducerTemplate template = camel.createProducerTemplate();
        probe(bound, () -> template.sendBodyAndHeader("direct:publish", "{}", ZeroMqConstants.TOPIC, PROBE_TOPIC));

        byte[] binary = {0x7b, 0x22, (byte) 0xc3, (byte) 0xa9, 0x22, 0x7d, 0x00, (byte) 0xff};
        template.sendBodyAndHeader("direct:publish", binary, ZeroMqConstants.TOPIC, "org.fedoraproject.dev.bytes");
        template.sendBody("direct:publish", "{\"name\":\"Zbyn\u011bk \ud83d\ude00\"}");

        Message bytes = next().getIn();
        assertThat(bytes.getHeader(ZeroMqConstants.TOPIC)).isEqualTo("org.fedoraproject.dev.bytes");
        assertThat((byte[]) bytes.getBody()).isEqualTo(binary);

        Message text = next().getIn();
        assertThat(text.getHeader(ZeroMqConstants.TOPIC)).as("topic option used without header")
                .isEqualTo("org.fedoraproject.dev.default");
        assertThat((byte[]) text.getBody())
                .isEqualTo("{\"name\":\"Zbyn\u011bk \ud83d\ude00\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void producerIsSafeFromManyThreads() throws Exception {
        String bound = startPublisherRoute("");
        consumeInto("bus", "zeromq:sub?endpoints=" + bound + "&topics=org.fedoraproject.");
        ProducerTemplate template = camel.createProducerTemplate();
        probe(bound, () -> template.sendBodyAndHeader("direct:publish", "{}", ZeroMqConstants.TOPIC, PROBE_TOPIC));

        int threads = 4;
        int perThread = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String topic = "org.fedoraproject.dev.thread" + t;
                futures.add(pool.submit((Callable<Void>) () -> {
                    for (int i = 0; i < perThread; i++) {
                        template.sendBodyAndHeader("direct:publish", topic + "#" + i, ZeroMqConstants.TOPIC, topic);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        // Every message arrives with its own topic and body paired: frames of concurrent sends never interleave.
        for (int n = 0; n < threads * perThread; n++) {
            Message message = next().getIn();
            assertThat(message.getHeader(ZeroMqConstants.MALFORMED)).isNull();
            assertThat(message.getBody(String.class)).startsWith(message.getHeader(ZeroMqConstants.TOPIC) + "#");
        }
    }

    @Test
    void producerRefusesToSendWithoutTopic() throws Exception {
        startPublisherRoute("");
        ProducerTemplate template = camel.createProducerTemplate();

        assertThatThrownBy(() -> template.sendBody("direct:publish", "{}"))
                .isInstanceOf(CamelExecutionException.class)
                .hasRootCauseMessage("zeromq: no topic; set header CamelZeroMqTopic or the endpoint option topic");
    }

    @Test
    void producerCanConnectToABoundSubscriber() throws Exception {
        try (ZContext zmq = new ZContext(1)) {
            ZMQ.Socket sub = zmq.createSocket(SocketType.SUB);
            sub.subscribe(new byte[0]);
            sub.setHandshakeIvl(2000); // JeroMQ's pre-handshake stall, as on the component's own sockets
            sub.bind("tcp://127.0.0.1:*");
            String uri = "zeromq:pub?connect=" + sub.getLastEndpoint() + "&topic=org.fedoraproject.dev.relay";
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();

            // Slow joiner again: resend until the subscription has reached the publisher.
            byte[][] frames = null;
            long deadline = System.nanoTime() + Await.GENEROUS.toNanos();
            while (frames == null && System.nanoTime() < deadline) {
                template.sendBody(uri, "{\"relay\":true}");
                byte[] topic = sub.recv(ZMQ.DONTWAIT);
                if (topic == null) {
                    Thread.sleep(20);
                } else {
                    assertThat(sub.hasReceiveMore()).isTrue();
                    frames = new byte[][] {topic, sub.recv(0)};
                    assertThat(sub.hasReceiveMore()).isFalse();
                }
            }

            assertThat(frames).as("a message reached the bound subscriber").isNotNull();
            assertThat(new String(frames[0], StandardCharsets.UTF_8)).isEqualTo("org.fedoraproject.dev.relay");
            assertThat(new String(frames[1], StandardCharsets.UTF_8)).isEqualTo("{\"relay\":true}");
        }
    }
}
