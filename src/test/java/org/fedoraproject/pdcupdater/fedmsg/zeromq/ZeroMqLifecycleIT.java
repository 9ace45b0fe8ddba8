package org.fedoraproject.pdcupdater.fedmsg.zeromq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.Test;

/** Start/stop behaviour: threads, sockets, connection state and the readiness check. */
class ZeroMqLifecycleIT extends ZeroMqTestSupport {

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    private static Set<String> newThreadNames(Set<Thread> baseline) {
        return liveThreads().stream()
                .filter(t -> !baseline.contains(t))
                .map(Thread::getName)
                .collect(Collectors.toSet());
    }

    @Test
    void stoppingTheContextLeavesNoThreadBehind() throws Exception {
        Set<Thread> baseline = liveThreads();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:publish").routeId("publish").to("zeromq:pub?bind=tcp://127.0.0.1:*");
            }
        });
        camel.start();
        String bound = camel.getEndpoint("zeromq:pub?bind=tcp://127.0.0.1:*", ZeroMqEndpoint.class).getBoundEndpoint();
        consumeInto("bus", "zeromq:sub?endpoints=" + bound);
        ProducerTemplate template = camel.createProducerTemplate();
        probe(bound, () -> template.sendBodyAndHeader("direct:publish", "{}", ZeroMqConstants.TOPIC, PROBE_TOPIC));
        assertThat(newThreadNames(baseline)).anyMatch(name -> name.startsWith("ZeroMQ"));

        template.stop();
        camel.stop();

        Await.until("no thread started by the test is left: " + newThreadNames(baseline),
                    () -> newThreadNames(baseline).isEmpty());
    }

    @Test
    void stoppingTheRouteClosesItsSocketsAndEndsItsThreads() throws Exception {
        TestPublisher publisher = publisher();
        consumeInto("bus", "zeromq:sub?endpoints=" + publisher.endpoint());
        camel.start();
        probe(publisher);
        ZeroMqConsumer consumer = consumer("bus");
        assertThat(liveThreadsNamed("ZeroMQ")).anyMatch(name -> name.endsWith("zeromq-consumer[bus]"));
        assertThat(liveThreadsNamed("zeromq-consumer[bus]")).anyMatch(name -> name.startsWith("Camel"));

        camel.getRouteController().stopRoute("bus");

        // No await for ZeroMQ's threads: closing the consumer's context joins them before stop returns.
        assertThat(liveThreadsNamed("ZeroMQ")).noneMatch(name -> name.endsWith("zeromq-consumer[bus]"));
        // The receive thread has finished its work too; the JVM may take a moment to mark the thread dead.
        Await.until("receive thread ended", () -> liveThreadsNamed("zeromq-consumer[bus]").isEmpty());
        assertThat(consumer.isReceiving()).isFalse();
        assertThat(consumer.isConnected()).isFalse();
        assertThat(consumer.getConnectionStates()).containsValue(ZeroMqConnectionState.CLOSED);

        camel.getRouteController().startRoute("bus");
        probe(publisher);
        publisher.send("org.fedoraproject.prod.after-restart", "{}");
        assertThat(next().getIn().getHeader(ZeroMqConstants.TOPIC)).isEqualTo("org.fedoraproject.prod.after-restart");
    }

    private static Set<String> liveThreadsNamed(String part) {
        return liveThreads().stream().map(Thread::getName).filter(n -> n.contains(part)).collect(Collectors.toSet());
    }

    @Test
    void readinessFollowsTheBusConnection() throws Exception {
        TestPublisher publisher = publisher();
        String address = publisher.endpoint();
        publisher.close(); // nothing listens yet: the consumer starts disconnected
        consumeInto("bus", "zeromq:sub?endpoints=" + address);
        camel.start();

        HealthCheck check = consumer("bus").getHealthCheck();
        assertThat(check).as("consumer health check registered").isNotNull();
        assertThat(check.isReadiness()).isTrue();
        assertThat(check.isLiveness()).isFalse();
        assertThat(check.call().getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(consumerReadiness()).isEqualTo(HealthCheck.State.DOWN);

        TestPublisher restarted = track(TestPublisher.on(address));
        Await.until("readiness UP once connected", () -> check.call().getState() == HealthCheck.State.UP);
        assertThat(consumerReadiness()).isEqualTo(HealthCheck.State.UP);
        assertThat(check.call().getDetails()).containsEntry("zeromq.connected", 1L);

        restarted.close();
        Await.until("readiness DOWN once the publisher is gone", () -> check.call().getState() == HealthCheck.State.DOWN);
    }

    /** Readiness as camel-main / a health endpoint sees it: through the registry's consumers repository. */
    private HealthCheck.State consumerReadiness() {
        return HealthCheckHelper.invokeReadiness(camel).stream()
                .filter(result -> result.getCheck().getId().equals("consumer:bus"))
                .map(HealthCheck.Result::getState)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no consumer:bus readiness check in the registry"));
    }

    @Test
    void readinessCanRequireEveryEndpoint() throws Exception {
        TestPublisher up = publisher();
        TestPublisher down = publisher();
        String downAddress = down.endpoint();
        down.close();
        consumeInto("bus", "zeromq:sub?endpoints=" + up.endpoint() + "," + downAddress
                           + "&healthCheckRequireAllEndpoints=true");
        camel.start();
        probe(up);

        HealthCheck.Result result = consumer("bus").getHealthCheck().call();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).get().asString().contains(downAddress);
    }
}
