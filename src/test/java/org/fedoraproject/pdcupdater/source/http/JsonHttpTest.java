package org.fedoraproject.pdcupdater.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.sandbox.standin.FaultInjector;
import org.fedoraproject.pdcupdater.sandbox.standin.JsonStandin;
import org.fedoraproject.pdcupdater.sandbox.standin.StandinExchange;
import org.fedoraproject.pdcupdater.sandbox.standin.StandinServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonHttpTest {

    /** Answers {"ok": true, "path": ...} for /x/json and a non-JSON text for /x/text; 404 otherwise. */
    private static final class Echo extends JsonStandin {
        @Override
        protected void serve(StandinExchange ex) throws IOException {
            String path = String.join("/", ex.segments());
            if (path.equals("json")) {
                ex.sendJson(200, JSON.createObjectNode().put("ok", true).put("path", path));
            } else if (path.equals("text")) {
                ex.sendText(200, "this is not json");
            } else {
                ex.sendJson(404, JSON.createObjectNode().put("error", "no such thing"));
            }
        }
    }

    private final FaultInjector faults = new FaultInjector(new Echo());
    private final StandinServer server = StandinServer.start("127.0.0.1", 0, Map.of("/x/", faults));
    private final List<Duration> waits = new ArrayList<>();
    private final HttpSettings settings = TestHttp.fast(server.uri("/x/"));
    private final JsonHttp http = new JsonHttp("test", TestHttp.CLIENT, settings,
            new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(50), waits::add));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void transientStatusesAreRetriedUntilSuccess() {
        faults.failNext(1, 503).failNext(1, 502);

        Optional<JsonNode> body = http.getJson(http.uri("json", null));

        assertThat(body).hasValueSatisfying(b -> assertThat(b.path("ok").asBoolean()).isTrue());
        assertThat(faults.requestCount()).isEqualTo(3);
        assertThat(waits).hasSize(2);
    }

    @Test
    void retryAfterOfA429IsHonouredWithinTheMaximum() {
        faults.failNext(1, 429).retryAfter("1");

        assertThat(http.getJson(http.uri("json", null))).isPresent();
        assertThat(waits).containsExactly(Duration.ofMillis(50));
    }

    @Test
    void aDroppedConnectionIsRetried() {
        faults.failNext(1, FaultInjector.DROP);

        assertThat(http.getJson(http.uri("json", null))).isPresent();
        assertThat(faults.requestCount()).isEqualTo(2);
    }

    @Test
    void givingUpAfterTheLastAttemptReportsAStatusAndTheUrl() {
        faults.failNext(5, 503);
        URI uri = http.uri("json", new Urls.Query().add("api_token", "abc123"));

        assertThatThrownBy(() -> http.getJson(uri))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.source()).isEqualTo("test");
                    assertThat(e.getMessage()).contains("/x/json?api_token=***").doesNotContain("abc123");
                });
        assertThat(faults.requestCount()).isEqualTo(3);
    }

    @Test
    void clientErrorsAreNotRetried() {
        faults.failNext(1, 400);

        assertThatThrownBy(() -> http.getJson(http.uri("json", null)))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("injected failure 400");
                });
        assertThat(faults.requestCount()).isEqualTo(1);
    }

    @Test
    void notFoundIsAnEmptyAnswerNotAFailure() {
        assertThat(http.getJson(http.uri("missing", null))).isEmpty();
        assertThat(faults.requestCount()).isEqualTo(1);
    }

    @Test
    void aBodyThatIsNotJsonIsReportedNotRetried() {
        assertThatThrownBy(() -> http.getJson(http.uri("text", null)))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("not JSON");
                });
        assertThat(faults.requestCount()).isEqualTo(1);
    }

    @Test
    void oversizedBodiesAreRefused() {
        JsonHttp small = new JsonHttp("test", TestHttp.CLIENT, settings.withMaxBodyBytes(5));

        assertThatThrownBy(() -> small.getJson(small.uri("json", null)))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("more than 5 bytes");
                });
    }

    @Test
    void anUnreachableServerIsATransientFailureWithoutStatus() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        JsonHttp nowhere = new JsonHttp("test", TestHttp.CLIENT,
                TestHttp.fast(URI.create("http://127.0.0.1:" + port + "/x/")),
                new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1), waits::add));

        assertThatThrownBy(() -> nowhere.getJson(nowhere.uri("json", null)))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.status()).isEqualTo(SourceException.NO_RESPONSE);
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.getMessage()).contains("unreachable", "127.0.0.1:" + port + "/x/json");
                });
        assertThat(waits).hasSize(1);
    }

    @Test
    void headAcceptsTheAnswersTheCallerNames() {
        assertThat(http.head(http.uri("json", null), s -> s == 200 || s == 404)).isEqualTo(200);
        assertThat(http.head(http.uri("missing", null), s -> s == 200 || s == 404)).isEqualTo(404);
        assertThat(faults.requests()).allMatch(r -> r.startsWith("HEAD "));
    }
}
