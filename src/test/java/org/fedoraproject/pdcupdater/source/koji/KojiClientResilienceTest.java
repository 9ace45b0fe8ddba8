package org.fedoraproject.pdcupdater.source.koji;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;

import org.fedoraproject.pdcupdater.sandbox.koji.KojiData;
import org.fedoraproject.pdcupdater.sandbox.koji.StandinBuild;
import org.fedoraproject.pdcupdater.sandbox.koji.StandinTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries, timeouts and limits, against a stand-in hub that misbehaves on purpose. */
class KojiClientResilienceTest {

    private final HubInFront hub = new HubInFront(KojiData.bundled());
    /** Released after each test so stalled handler threads end. */
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        hub.close();
    }

    private KojiClient client(int attempts) {
        return new KojiClient(KojiClientSettings.defaults(hub.uri())
                .withRetries(attempts, Duration.ofMillis(1), Duration.ofMillis(10)));
    }

    private static void status(HttpExchange exchange, int status, String... headers) throws IOException {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            exchange.getResponseHeaders().set(headers[i], headers[i + 1]);
        }
        byte[] body = ("<html><body>HTTP " + status + "</body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void transient503IsRetriedThenSucceeds() {
        hub.standin.failNextRequests(1, 503);
        assertThat(client(3).getBuild(966549)).isPresent();
        assertThat(hub.requests()).isEqualTo(2);
    }

    @Test
    void tooManyRequestsIsRetriedHonouringRetryAfter() {
        hub.hook((n, exchange) -> {
            if (n == 1) {
                status(exchange, 429, "Retry-After", "0");
                return true;
            }
            return false;
        });
        assertThat(client(3).getTag("f28")).isPresent();
        assertThat(hub.requests()).isEqualTo(2);
    }

    @Test
    void retriesRunOutWithTheLastFailureAsCause() {
        hub.standin.failNextRequests(10, 502);
        assertThatThrownBy(() -> client(3).getBuild(966549))
                .isInstanceOfSatisfying(KojiUnavailableException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e).hasMessageContaining("getBuild failed after 3 attempt(s)");
                    assertThat(e.getCause()).isInstanceOfSatisfying(KojiHttpException.class,
                            http -> assertThat(http.status()).isEqualTo(502));
                });
        assertThat(hub.requests()).isEqualTo(3);
    }

    @Test
    void faultsAreNotRetried() {
        assertThatThrownBy(() -> client(5).listTagged("f99", false, false)).isInstanceOf(KojiFaultException.class);
        assertThatThrownBy(() -> client(5).call(KojiCall.of("frobnicate"))).isInstanceOf(KojiFaultException.class);
        assertThat(hub.requests()).isEqualTo(2);
    }

    @Test
    void clientErrorsAreNotRetried() {
        hub.standin.failNextRequests(1, 400);
        assertThatThrownBy(() -> client(5).getBuild(966549))
                .isInstanceOfSatisfying(KojiHttpException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e).hasMessageContaining("stand-in failure injected");
                });
        assertThat(hub.requests()).isEqualTo(1);
    }

    @Test
    void malformedResponsesAreNotRetried() {
        hub.hook((n, exchange) -> {
            byte[] body = "<html>proxy error page</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            return true;
        });
        assertThatThrownBy(() -> client(5).getBuild(966549)).isInstanceOf(XmlRpcException.class)
                .hasMessageContaining("expected methodResponse");
        assertThat(hub.requests()).isEqualTo(1);
    }

    @Test
    void unreachableHubIsRetriedThenUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        KojiClient unreachable = new KojiClient(KojiClientSettings.defaults(
                URI.create("http://127.0.0.1:" + closedPort + "/kojihub"))
                .withRetries(2, Duration.ofMillis(1), Duration.ofMillis(1)));
        assertThatThrownBy(() -> unreachable.getTag("f28"))
                .isInstanceOfSatisfying(KojiUnavailableException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(2);
                    assertThat(e.getCause()).hasCauseInstanceOf(ConnectException.class);
                });
        assertThat(unreachable.requestCount()).isEqualTo(2);
    }

    @Test
    void hubThatNeverAnswersTimesOut() {
        hub.hook((n, exchange) -> {
            await();
            return true;
        });
        KojiClient impatient = new KojiClient(KojiClientSettings.defaults(hub.uri())
                .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300))
                .withRetries(2, Duration.ofMillis(1), Duration.ofMillis(1)));
        assertThatThrownBy(() -> impatient.getTag("f28"))
                .isInstanceOf(KojiUnavailableException.class)
                .hasRootCauseInstanceOf(HttpTimeoutException.class);
        assertThat(impatient.requestCount()).isEqualTo(2);
    }

    @Test
    void bodyThatStallsHalfwayTimesOut() {
        byte[] document = new XmlRpcCodec().encodeResponse(List.of(build(1), build(2)));
        hub.hook((n, exchange) -> {
            exchange.sendResponseHeaders(200, document.length);
            OutputStream out = exchange.getResponseBody();
            out.write(document, 0, document.length / 2);
            out.flush();
            await();
            return true;
        });
        KojiClient impatient = new KojiClient(KojiClientSettings.defaults(hub.uri())
                .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300))
                .withRetries(2, Duration.ofMillis(1), Duration.ofMillis(1)));
        assertThatThrownBy(() -> impatient.listTagged("f28", false, false))
                .isInstanceOf(KojiUnavailableException.class)
                .hasRootCauseInstanceOf(HttpTimeoutException.class)
                .rootCause().hasMessageContaining("no data from the Koji hub for 300 ms");
        assertThat(hub.requests()).isEqualTo(2);
    }

    /** The first answer breaks off after one whole build; the second is the stand-in's. */
    private void breakFirstResponseAfterOneBuild() {
        byte[] document = new XmlRpcCodec().encodeResponse(List.of(build(925310), build(2)));
        int cut = new String(document, StandardCharsets.UTF_8).indexOf("<value><struct>", 100);
        hub.hook((n, exchange) -> {
            if (n > 1) {
                return false;
            }
            exchange.sendResponseHeaders(200, document.length);
            OutputStream out = exchange.getResponseBody();
            out.write(document, 0, cut);
            out.flush();
            // Closing short of the announced length drops the connection.
            exchange.close();
            return true;
        });
    }

    @Test
    void listTaggedIsRetriedAfterABrokenConnectionAndStartsAfresh() {
        breakFirstResponseAfterOneBuild();
        List<KojiBuild> builds = client(3).listTagged("f28", false, false);
        assertThat(builds).extracting(KojiBuild::id).containsExactly(966549, 920410, 925310);
        assertThat(hub.requests()).isEqualTo(2);
    }

    @Test
    void streamingIsNotRetriedOnceBuildsWereHandedOver() {
        breakFirstResponseAfterOneBuild();
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> client(3).forEachTagged("f28", false, false, b -> seen.add(b.id())))
                .isInstanceOfSatisfying(KojiUnavailableException.class,
                        e -> assertThat(e.attempts()).isEqualTo(1));
        assertThat(seen).containsExactly(925310);
        assertThat(hub.requests()).isEqualTo(1);
    }

    @Test
    void oversizedResponseIsRefusedByContentLengthAndNotRetried() {
        KojiClient small = new KojiClient(KojiClientSettings.defaults(hub.uri())
                .withLimits(XmlRpcLimits.DEFAULTS.withMaxBytes(2000)));
        assertThatThrownBy(() -> small.listTagged("f28", false, false))
                .isInstanceOf(XmlRpcLimitExceededException.class)
                .hasMessageContaining("larger than 2000 bytes (Content-Length");
        assertThat(hub.requests()).isEqualTo(1);
    }

    @Test
    void oversizedStreamedResponseIsCutOffWhileReading() {
        KojiData many = KojiData.empty();
        many.addTag(StandinTag.of(1, "big"));
        for (int i = 1; i <= 500; i++) {
            many.addBuild(StandinBuild.complete(i, "pkg" + i, "1.0", "1.fc28", "owner"));
            many.tagBuild("big", i);
        }
        try (HubInFront bigHub = new HubInFront(many)) {
            KojiClient small = new KojiClient(KojiClientSettings.defaults(bigHub.uri())
                    .withLimits(XmlRpcLimits.DEFAULTS.withMaxBytes(100_000)));
            // Streamed (chunked): no Content-Length to refuse up front.
            assertThatThrownBy(() -> small.listTagged("big", false, false))
                    .isInstanceOf(XmlRpcLimitExceededException.class)
                    .hasMessage("XML-RPC document larger than 100000 bytes");
            assertThat(bigHub.requests()).isEqualTo(1);
            assertThat(new KojiClient(bigHub.uri()).listTagged("big", false, false)).hasSize(500);
        }
    }

    @Test
    void connectionsAreKeptAliveAndReused() {
        KojiClient client = client(1);
        for (int i = 0; i < 10; i++) {
            assertThat(client.getTag("f28")).isPresent();
        }
        assertThat(hub.clientPorts).hasSize(10);
        assertThat(hub.clientPorts.stream().distinct().count()).isEqualTo(1);
    }

    private void await() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, Object> build(int id) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("id", id);
        b.put("name", "pkg");
        b.put("version", "1");
        b.put("release", "1.fc28");
        b.put("state", 1);
        b.put("padding", "x".repeat(200));
        return b;
    }
}
