package org.fedoraproject.pdcupdater.fedmsg.zeromq;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared set-up for the socket tests: a CamelContext, raw test publishers, and a queue of what the route saw.
 *
 * <p>PUB/SUB drops whatever is published before the subscription has reached the publisher (ZeroMQ's "slow
 * joiner"). Instead of sleeping, tests {@link #probe} a publisher: send a probe message until one comes through,
 * after which the subscription is known to be in place and nothing sent later on that connection is lost.
 */
abstract class ZeroMqTestSupport {

    static final String PROBE_TOPIC = "org.fedoraproject.test.probe";

    protected DefaultCamelContext camel;
    protected final BlockingQueue<Exchange> received = new LinkedBlockingQueue<>();
    private final Deque<Exchange> pending = new ArrayDeque<>();
    private final List<TestPublisher> publishers = new ArrayList<>();

    @BeforeEach
    void createCamel() {
        camel = new DefaultCamelContext();
    }

    @AfterEach
    void stopEverything() {
        if (camel != null) {
            camel.stop();
        }
        publishers.forEach(TestPublisher::close);
    }

    TestPublisher publisher() {
        return track(TestPublisher.onFreePort());
    }

    TestPublisher track(TestPublisher publisher) {
        publishers.add(publisher);
        return publisher;
    }

    void consumeInto(String routeId, String uri) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(routeId).process(exchange -> received.add(exchange.copy()));
            }
        });
    }

    ZeroMqConsumer consumer(String routeId) {
        return (ZeroMqConsumer) camel.getRoute(routeId).getConsumer();
    }

    /** Sends probes through {@code sender} until one arrives from {@code endpoint}. */
    void probe(String endpoint, Runnable sender) {
        long deadline = System.nanoTime() + Await.GENEROUS.toNanos();
        while (System.nanoTime() < deadline) {
            sender.run();
            Exchange exchange = poll(100);
            while (exchange != null) {
                if (!isProbe(exchange)) {
                    pending.add(exchange);
                } else if (endpoint.equals(exchange.getIn().getHeader(ZeroMqConstants.ENDPOINT))) {
                    return;
                }
                exchange = poll(0);
            }
        }
        throw new AssertionError("No probe came through from " + endpoint + " within " + Await.GENEROUS);
    }

    void probe(TestPublisher publisher) {
        probe(publisher.endpoint(), () -> publisher.send(PROBE_TOPIC, "{\"probe\":true}"));
    }

    /** The next non-probe exchange the route received; fails after a generous timeout. */
    Exchange next() {
        if (!pending.isEmpty()) {
            return pending.poll();
        }
        long deadline = System.nanoTime() + Await.GENEROUS.toNanos();
        while (System.nanoTime() < deadline) {
            Exchange exchange = poll(100);
            if (exchange != null && !isProbe(exchange)) {
                return exchange;
            }
        }
        throw new AssertionError("No message arrived within " + Await.GENEROUS);
    }

    private Exchange poll(long millis) {
        try {
            return received.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static boolean isProbe(Exchange exchange) {
        return PROBE_TOPIC.equals(exchange.getIn().getHeader(ZeroMqConstants.TOPIC));
    }
}
