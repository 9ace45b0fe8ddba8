/**
 * The {@code zeromq:} Camel component: fedmsg's ZeroMQ PUB/SUB bus, on JeroMQ 0.6.0.
 *
 * <h2>Use</h2>
 * <pre>
 * from("zeromq:sub?endpoints={{fedmsg.endpoints}}&amp;topics=org.fedoraproject.prod.buildsys.,org.fedoraproject.prod.pkgdb.")
 *     .choice()
 *         .when(header("CamelZeroMqMalformed").isNotNull()).to("log:fedmsg.malformed?level=WARN")
 *         .otherwise().to("direct:verify");    // body: byte[] envelope exactly as received
 *
 * from("direct:publish").to("zeromq:pub?bind=tcp://127.0.0.1:9940");   // header CamelZeroMqTopic or option topic
 * </pre>
 *
 * <p>Headers on consumed messages: {@code CamelZeroMqTopic}, {@code CamelZeroMqEndpoint} (which publisher),
 * {@code CamelZeroMqReceivedTimestamp}, {@code CamelZeroMqFrameCount}, and {@code CamelZeroMqMalformed} when the
 * message was not a (topic, body) pair. See {@link org.fedoraproject.pdcupdater.fedmsg.zeromq.ZeroMqConstants}.
 *
 * <h2>Operations</h2>
 * <ul>
 * <li>Readiness: the consumer registers a readiness check (part of Camel's {@code consumer:<routeId>} check);
 * it is UP when at least one publisher connection has completed the ZeroMQ handshake, or every one with
 * {@code healthCheckRequireAllEndpoints=true}. Details list each endpoint's state and the counters below.</li>
 * <li>In code: {@code ZeroMqEndpoint.isConnected()} and {@code getConnectionStates()} (endpoint to
 * {@link org.fedoraproject.pdcupdater.fedmsg.zeromq.ZeroMqConnectionState}); the consumer also has
 * {@code isFullyConnected()}, {@code getReceivedCount()}, {@code getMalformedCount()},
 * {@code getDisconnectCount()} and {@code getReplacedSocketCount()}.</li>
 * <li>Oversized messages: {@code maxMessageSize} (64 MiB) bounds memory. ZeroMQ enforces it by closing the
 * connection and never says why, and JeroMQ 0.6.0 does not reconnect after that (a protocol error). The consumer
 * sees a disconnect that no reconnect attempt follows, logs it naming the likely cause, counts it, and opens a
 * new socket for that endpoint after a grace period of one second, doubling up to {@code reconnectIntervalMax}
 * while the peer keeps doing it. The oversized message itself is lost; fedmsg's sequence numbers show the
 * gap.</li>
 * <li>Threads: per consumer one receive thread from Camel's executor service manager (named
 * {@code zeromq-consumer[routeId]}) plus ZeroMQ's I/O and reaper threads (named {@code ZeroMQ ... -
 * zeromq-consumer[routeId]}); stopping the route ends all of them before it returns.</li>
 * </ul>
 *
 * <h2>Build</h2>
 * camel-component-maven-plugin (pom.xml) generates the property configurers, the URI factory and
 * {@code META-INF/org/fedoraproject/pdcupdater/fedmsg/zeromq/zeromq.json} into {@code target/}. The service file
 * {@code META-INF/services/org/apache/camel/component/zeromq} is also kept in {@code src/main/resources} so that
 * the scheme resolves in builds that skip the plugin (an IDE); without the generated configurers the nested
 * options would not bind, which {@code ZeroMqComponentTest} catches.
 */
package org.fedoraproject.pdcupdater.fedmsg.zeromq;
