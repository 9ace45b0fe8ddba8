package org.fedoraproject.pdcupdater.pdc;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.fedoraproject.pdcupdater.pdc.FakePdcServer.closeMidResponse;
import static org.fedoraproject.pdcupdater.pdc.FakePdcServer.json;
import static org.fedoraproject.pdcupdater.pdc.FakePdcServer.stall;

/**
 * The client against a scripted local server: retries, timeouts, auth, error mapping, paging, the idempotent
 * operations, and that the token never leaks into logs or exceptions. Retry delays are recorded, not waited.
 */
class PdcClientFaultTest {

    static final String TOKEN = "s3cr3t-t0ken-4242deadbeef";
    static final ChangeComment COMMENT = ChangeComment.forMessage("2017-abc", "org.fedoraproject.prod.pkgdb.x");

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    FakePdcServer server;
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final List<Throwable> thrown = new ArrayList<>();
    PdcClient client;

    @BeforeEach
    void start() {
        server = FakePdcServer.start();
        client = client(PdcSettings.builder(server.apiRoot()).token(TOKEN).maxAttempts(3)
                .readTimeout(Duration.ofSeconds(20)));
    }

    @AfterEach
    void stopAndCheckNoLeak() {
        client.close();
        server.close();
        assertThat(logs.all()).doesNotContain(TOKEN);
        for (Throwable t : thrown) {
            assertThat(t.getMessage()).doesNotContain(TOKEN);
            assertThat(t.toString()).doesNotContain(TOKEN);
            if (t instanceof PdcException p) {
                assertThat(p.body().toString()).doesNotContain(TOKEN);
                assertThat(p.path()).doesNotContain(TOKEN);
            }
        }
    }

    PdcClient client(PdcSettings.Builder settings) {
        return new PdcClient(settings.build(), sleeps::add, new SplittableRandom(42)::nextLong);
    }

    <T extends Throwable> T caught(Class<T> type, Runnable call) {
        T t = catchThrowableOfType(type, call::run);
        assertThat(t).as("expected %s", type.getSimpleName()).isNotNull();
        thrown.add(t);
        return t;
    }

    // --- retries -----------------------------------------------------------------------------------------------

    @Test
    void serviceUnavailableTwiceThenCreatedIsRetriedAndWritesOnce() {
        String unavailable = "{\"detail\": \"The server encountered an internal error or misconfiguration and was "
                + "unable to complete your request.\"}";
        server.on("POST", "global-components/", json(503, unavailable), json(503, unavailable),
                json(201, "{\"id\": 7, \"name\": \"bash\"}"));

        JsonNode created = client.create("global-components", Map.of("name", "bash"), COMMENT);

        assertThat(created.path("id").asInt()).isEqualTo(7);
        assertThat(server.requests("POST", "global-components/")).hasSize(3);
        assertThat(server.successes()).hasSize(1);
        assertThat(sleeps).hasSize(2);
        assertThat(logs.all()).contains("503").contains("retrying");
    }

    @Test
    void connectionClosedMidResponseIsRetried() {
        server.on("GET", "releases/", closeMidResponse(), json(200, "{\"count\": 0, \"next\": null, "
                + "\"previous\": null, \"results\": []}"));

        assertThat(client.list("releases", Map.of())).isEmpty();
        assertThat(server.requests("GET", "releases/")).hasSize(2);
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void connectionClosedOnEveryAttemptIsTransient() {
        server.on("GET", "releases/", closeMidResponse());

        PdcTransientException e = caught(PdcTransientException.class, () -> client.list("releases", Map.of()));
        assertThat(e.status()).isZero();
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getCause()).isInstanceOf(IOException.class)
                .isNotInstanceOf(java.net.http.HttpTimeoutException.class);
        assertThat(server.requests("GET", "releases/")).hasSize(3);
    }

    @Test
    void createWhoseResponseWasLostReportsTheRetrysDuplicateAsPossiblyOwnWrite() {
        server.on("POST", "global-components/", closeMidResponse(),
                json(400, "{\"detail\": [\"Global component with this Name already exists.\"]}"));

        PdcDuplicateException e = caught(PdcDuplicateException.class,
                () -> client.create("global-components", Map.of("name", "bash"), COMMENT));
        assertThat(e.possiblyOwnWrite()).isTrue();
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void ensureTreatsTheDuplicateAfterItsOwnLostCreateAsSuccess() {
        server.on("GET", "global-components/", json(200, page(0, null, null)),
                json(200, "{\"count\": 1, \"next\": null, \"previous\": null, \"results\": [{\"id\": 8, \"name\": \"bash\"}]}"));
        server.on("POST", "global-components/", closeMidResponse(),
                json(400, "{\"detail\": [\"Global component with this Name already exists.\"]}"));

        PdcOutcome outcome = client.ensureOutcome("global-components", Map.of("name", "bash"),
                Map.of("name", "bash"), COMMENT);

        assertThat(outcome.kind()).isEqualTo(PdcOutcome.Kind.FOUND);
        assertThat(outcome.object().path("id").asInt()).isEqualTo(8);
        assertThat(server.requests("POST", "global-components/")).hasSize(2);
    }

    @Test
    void slowServerPastTheReadTimeoutIsTransientWithinBoundedAttempts() {
        client.close();
        client = client(PdcSettings.builder(server.apiRoot()).token(TOKEN).maxAttempts(2)
                .readTimeout(Duration.ofMillis(300)));
        server.on("GET", "composes/x/", stall());

        PdcTransientException e = caught(PdcTransientException.class, () -> client.get("composes", "x"));
        assertThat(e.getCause()).isInstanceOf(java.net.http.HttpTimeoutException.class);
        assertThat(server.requests("GET", "composes/x/")).hasSize(2);
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void connectionRefusedIsTransientAfterMaxAttempts() throws IOException {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        client.close();
        client = client(PdcSettings.builder(URI.create("http://127.0.0.1:" + freePort + "/rest_api/v1/"))
                .token(TOKEN).maxAttempts(4));

        PdcTransientException e = caught(PdcTransientException.class,
                () -> client.create("global-components", Map.of("name", "x"), COMMENT));
        assertThat(e.status()).isZero();
        assertThat(e.afterUncertainAttempt()).as("a refused connection never reached PDC").isFalse();
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void backoffIsBoundedByExponentialCapAndMaxBackoff() {
        client.close();
        client = client(PdcSettings.builder(server.apiRoot()).maxAttempts(6)
                .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(250)));
        server.on("GET", "releases/", json(500, "{\"detail\": \"db\"}"));

        caught(PdcTransientException.class, () -> client.list("releases", Map.of()));
        assertThat(sleeps).hasSize(5);
        assertThat(sleeps.get(0)).isLessThanOrEqualTo(Duration.ofMillis(100));
        assertThat(sleeps.get(1)).isLessThanOrEqualTo(Duration.ofMillis(200));
        assertThat(sleeps).allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(250)));
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() {
        server.on("GET", "rpms/", json(429, "{\"detail\": \"slow down\"}", "Retry-After", "7"),
                json(200, "[]"));

        assertThat(client.listAll("rpms", Map.of())).isEmpty();
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void serviceUnavailableWithRetryAfterBeyondMaxBackoffGivesUpAtOnce() {
        server.on("GET", "rpms/", json(503, "{\"detail\": \"maintenance\"}", "Retry-After", "3600"));

        PdcTransientException e = caught(PdcTransientException.class, () -> client.listAll("rpms", Map.of()));
        assertThat(e.retryAfter()).contains(Duration.ofHours(1));
        assertThat(server.requests()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void conflictIsRetried() {
        server.on("PATCH", "composes/c1/", json(409, "{\"detail\": \"deadlock detected\"}"),
                json(200, "{\"compose_id\": \"c1\", \"acceptance_testing\": \"passed\"}"));

        JsonNode patched = client.patch("composes", "c1", Map.of("acceptance_testing", "passed"), COMMENT);
        assertThat(patched.path("acceptance_testing").asText()).isEqualTo("passed");
        assertThat(server.requests()).hasSize(2);
    }

    // --- auth --------------------------------------------------------------------------------------------------

    @Test
    void unauthorizedIsPermanentNotRetriedAndPointsAtTheTokenFile() {
        server.on("GET", "releases/fedora-27/", json(401, "{\"detail\": \"Invalid token.\"}"));

        PdcAuthException e = caught(PdcAuthException.class, () -> client.get("releases", "fedora-27"));
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("token file").contains("Invalid token.");
        assertThat(server.requests()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void forbiddenIsAnAuthError() {
        server.on("POST", "rpms/", json(403, "{\"detail\": \"You do not have permission to perform this action.\"}"));

        PdcAuthException e = caught(PdcAuthException.class, () -> client.create("rpms", Map.of("name", "x"), COMMENT));
        assertThat(e.status()).isEqualTo(403);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aServerEchoingTheTokenDoesNotLeakItIntoTheException() {
        server.on("POST", "rpms/", (req, out, s) -> json(400,
                "{\"detail\": \"bad header " + req.header("Authorization") + "\"}").write(req, out, s));

        PdcInvalidRequestException e = caught(PdcInvalidRequestException.class,
                () -> client.create("rpms", Map.of("name", "x"), COMMENT));
        assertThat(e.body().path("detail").asText()).contains("[redacted]");
    }

    // --- headers and URLs --------------------------------------------------------------------------------------

    @Test
    void everyRequestCarriesTheContractHeadersAndWritesTheChangeComment() {
        server.on("GET", "global-components/", json(200, "[]"));
        server.on("POST", "global-components/", json(201, "{\"id\": 1, \"name\": \"a b\"}"));

        client.listAll("global-components", Map.of("name", "a b"));
        client.create("global-components", Map.of("name", "a b"), COMMENT);

        FakePdcServer.Recorded get = server.requests("GET", "global-components/").get(0);
        assertThat(get.header("Accept")).isEqualTo("application/json");
        assertThat(get.header("Authorization")).isEqualTo("Token " + TOKEN);
        assertThat(get.header("PDC-Change-Comment")).isNull();
        assertThat(get.query()).isEqualTo("name=a+b&page_size=-1").doesNotContain("format");
        FakePdcServer.Recorded post = server.requests("POST", "global-components/").get(0);
        assertThat(post.header("Content-Type")).isEqualTo("application/json");
        assertThat(post.header("Authorization")).isEqualTo("Token " + TOKEN);
        assertThat(post.header("PDC-Change-Comment")).isEqualTo("fedmsg 2017-abc org.fedoraproject.prod.pkgdb.x");
        assertThat(post.body()).isEqualTo("{\"name\":\"a b\"}");
    }

    @Test
    void anonymousClientSendsNoAuthorization() {
        client.close();
        client = client(PdcSettings.builder(server.apiRoot()));
        server.on("GET", "releases/", json(200, "[]"));

        client.listAll("releases", Map.of());
        assertThat(server.requests().get(0).header("Authorization")).isNull();
    }

    @Test
    void detailKeysAreEncodedAndSlashTerminated() {
        server.on("GET", "modules/name:stream:1:c0ffee/", json(200, "{\"uid\": \"name:stream:1:c0ffee\"}"));
        server.on("GET", "releases/supp-1.1@product-1/", json(200, "{\"release_id\": \"supp-1.1@product-1\"}"));

        assertThat(client.get("modules", "name:stream:1:c0ffee").path("uid").asText()).isEqualTo("name:stream:1:c0ffee");
        assertThat(client.get("/releases/", "supp-1.1@product-1").path("release_id").asText())
                .isEqualTo("supp-1.1@product-1");
        assertThatThrownBy(() -> client.get("releases", "a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.listAll("releases", Map.of("format", "json")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRedirectIsNotFollowedButReportedAsABug() {
        server.on("PATCH", "composes/c1/", json(301, null, "Location", "http://elsewhere.invalid/composes/c1/"));

        PdcProtocolException e = caught(PdcProtocolException.class,
                () -> client.patch("composes", "c1", Map.of("acceptance_testing", "passed"), COMMENT));
        assertThat(e.getMessage()).contains("trailing slash").contains("not followed");
        assertThat(server.requests()).hasSize(1);
    }

    // --- error mapping -----------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            // shape 1, current and old location
            "{\"detail\": [\"The fields release, name, type must make a unique set.\"]}",
            "{\"non_field_errors\": [\"The fields release, name must make a unique set.\"]}",
            "{\"detail\": [\"The fields relation_type, from_component, to_component must make a unique set.\"]}",
            // shape 2, DRF >= 3.3 and older
            "{\"name\": [\"group type with this name already exists.\"]}",
            "{\"username\": [\"person with this username already exists.\"]}",
            "{\"name\": [\"This field must be unique.\"]}",
            // shape 3
            "{\"detail\": [\"Global component with this Name already exists.\"]}",
            "{\"detail\": [\"Release with this Release id already exists.\"]}",
            "{\"detail\": [\"Module with this Uid already exists.\"]}",
            // per-endpoint texts
            "{\"detail\": \"Bugzilla component with this Name and Parent component already exists.\"}",
            "{\"branch\": [\"The SLA \\\"security_fixes\\\" tied to the component \\\"bash\\\" and branch \\\"f27\\\" already exists\"]}",
            // bulk bodies wrapping each kind
            "{\"detail\": [\"The fields name, epoch, version, release, arch must make a unique set.\"], \"id_of_invalid_data\": 1, \"invalid_data\": {\"name\": \"x\"}}",
            "{\"detail\": {\"name\": [\"arch with this name already exists.\"]}, \"id_of_invalid_data\": 0, \"invalid_data\": {\"name\": \"x86_64\"}}",
    })
    void everyDuplicateShapeIsRecognised(String body) {
        server.on("POST", "things/", json(400, body));

        PdcDuplicateException e = caught(PdcDuplicateException.class,
                () -> client.create("things", Map.of("name", "x"), COMMENT));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.possiblyOwnWrite()).isFalse();
        assertThat(server.requests()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"detail\": \"Unknown query params: bogus.\"}",
            "{\"global_component\": [\"Object with name=x does not exist.\"]}",
            "{\"name\": [\"group type with this name already exists.\"], \"description\": [\"Not a valid string.\"]}",
            "{\"detail\": \"Can not update read only fields: \\\"id\\\".\"}",
            "{\"detail\": {\"email\": [\"This field is required.\"]}, \"id_of_invalid_data\": 0, \"invalid_data\": {\"username\": \"with this x already exists.\"}}",
    })
    void otherBadRequestsAreInvalidRequestsWithTheParsedBody(String body) {
        server.on("POST", "things/", json(400, body));

        PdcInvalidRequestException e = caught(PdcInvalidRequestException.class,
                () -> client.create("things", Map.of("name", "x"), COMMENT));
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.body().isObject()).isTrue();
        assertThat(e.method()).isEqualTo("POST");
        assertThat(e.path()).isEqualTo("things/");
    }

    @Test
    void notFoundKeepsMethodPathAndBody() {
        server.on("GET", "composes/nope/", json(404, "{\"detail\": \"Not found.\"}"));

        PdcNotFoundException e = caught(PdcNotFoundException.class,
                () -> client.get("composes", "nope", Map.of("api_key", "hide-me")));
        assertThat(e.path()).isEqualTo("composes/nope/?api_key=redacted");
        assertThat(e.body().path("detail").asText()).isEqualTo("Not found.");
        assertThat(client.find("composes", "nope")).isEmpty();
    }

    // --- paging ------------------------------------------------------------------------------------------------

    @Test
    void pagingFollowsAbsoluteNextLinksAcrossPages() {
        server.on("GET", "global-components/",
                json(200, page(5, server.absolute("global-components/?page=2&page_size=2"), null, 1, 2)),
                json(200, page(5, server.absolute("global-components/?page=3&page_size=2"),
                        server.absolute("global-components/?page_size=2"), 3, 4)),
                json(200, page(5, null, server.absolute("global-components/?page=2&page_size=2"), 5)));

        List<JsonNode> all = client.list("global-components", Map.of("page_size", 2));

        assertThat(all).extracting(n -> n.path("id").asInt()).containsExactly(1, 2, 3, 4, 5);
        assertThat(server.requests()).extracting(FakePdcServer.Recorded::query)
                .containsExactly("page_size=2", "page=2&page_size=2", "page=3&page_size=2");
    }

    @Test
    void nextLinksNamingAnotherHostStillGoToTheConfiguredRoot() {
        server.on("GET", "rpms/",
                json(200, page(3, "http://proxy-internal.invalid:8080/rest_api/v1/rpms/?page=2&name=%5Ebash%24", null, 1, 2)),
                json(200, page(3, null, null, 3)));

        assertThat(client.list("rpms", Map.of("name", "^bash$"))).hasSize(3);
        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(1).query()).isEqualTo("page=2&name=%5Ebash%24");
    }

    @Test
    void streamFetchesPagesOnlyAsTheyAreConsumed() {
        server.on("GET", "rpms/",
                json(200, page(4, server.absolute("rpms/?page=2"), null, 1, 2)),
                json(200, page(4, null, null, 3, 4)));

        try (Stream<JsonNode> s = client.stream("rpms", Map.of())) {
            assertThat(s.limit(2)).hasSize(2);
        }
        assertThat(server.requests()).hasSize(1);
        assertThat(server.requests().get(0).query()).isEqualTo("page_size=100");
    }

    @Test
    void pageSizeMinusOneReadsABareArray() {
        server.on("GET", "contacts/people/", json(200, "[{\"id\": 1}, {\"id\": 2}]"));

        assertThat(client.listAll("contacts/people", Map.of())).hasSize(2);
        assertThat(server.requests().get(0).query()).isEqualTo("page_size=-1");
    }

    @Test
    void pagePastTheEndIsNotFound() {
        server.on("GET", "rpms/", json(404, "{\"detail\": \"Invalid page.\"}"));

        PdcNotFoundException e = caught(PdcNotFoundException.class, () -> client.page("rpms", Map.of("page", 9)));
        assertThat(e.body().path("detail").asText()).isEqualTo("Invalid page.");
    }

    // --- writes ------------------------------------------------------------------------------------------------

    @Test
    void emptyPatchIsRefusedClientSide() {
        assertThatThrownBy(() -> client.patch("composes", "c1", Map.of(), COMMENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty PATCH");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void bulkCreateIsChunkedAndReportsTheFailingItemAcrossChunks() {
        client.close();
        client = client(PdcSettings.builder(server.apiRoot()).token(TOKEN).bulkChunkSize(2));
        server.on("POST", "contacts/people/",
                json(201, "[{\"id\": 1}, {\"id\": 2}]"),
                json(400, "{\"detail\": {\"email\": [\"Enter a valid email address.\"]}, \"id_of_invalid_data\": 1, "
                        + "\"invalid_data\": {\"username\": \"d\"}}"));
        List<Map<String, String>> people = List.of(Map.of("username", "a"), Map.of("username", "b"),
                Map.of("username", "c"), Map.of("username", "d"), Map.of("username", "e"));

        PdcInvalidRequestException e = caught(PdcInvalidRequestException.class,
                () -> client.bulkCreate("contacts/people", people, COMMENT));
        assertThat(e.bulkFailedItem()).map(JsonNode::asInt).contains(3);
        assertThat(e.bulkItemsCommitted()).isEqualTo(2);
        assertThat(server.requests()).extracting(FakePdcServer.Recorded::body)
                .containsExactly("[{\"username\":\"a\"},{\"username\":\"b\"}]",
                        "[{\"username\":\"c\"},{\"username\":\"d\"}]");
    }

    @Test
    void bulkDeleteDropsAlreadyAbsentKeysAndResendsTheRest() {
        server.on("DELETE", "release-component-relationships/",
                json(404, "{\"detail\": \"Not found.\", \"id_of_invalid_data\": \"2\"}"),
                json(204, null));

        int deleted = client.bulkDelete("release-component-relationships", List.of(1, 2, 3), COMMENT);

        assertThat(deleted).isEqualTo(2);
        assertThat(server.requests()).extracting(FakePdcServer.Recorded::body).containsExactly("[1,2,3]", "[1,3]");
        assertThat(server.requests().get(1).header("PDC-Change-Comment")).isNotBlank();
    }

    @Test
    void deleteOfAnAbsentObjectReportsFalse() {
        server.on("DELETE", "global-components/5/", json(404, "{\"detail\": \"Not found.\"}"));
        server.on("DELETE", "global-components/6/", json(204, null));

        assertThat(client.delete("global-components", 5, COMMENT)).isFalse();
        assertThat(client.delete("global-components", 6, COMMENT)).isTrue();
    }

    // --- idempotent operations ---------------------------------------------------------------------------------

    @Test
    void ensureTurnsADuplicateIntoAFreshRead() {
        server.on("GET", "component-group-types/",
                json(200, page(0, null, null)),                              // stale cached "absent"
                json(200, "{\"count\": 1, \"next\": null, \"previous\": null, "
                        + "\"results\": [{\"id\": 9, \"name\": \"deps\", \"description\": \"\"}]}"));
        server.on("POST", "component-group-types/",
                json(400, "{\"name\": [\"This field must be unique.\"]}"));

        PdcOutcome outcome = client.ensureOutcome("component-group-types", Map.of("name", "deps"),
                Map.of("id", 123, "name", "deps"), COMMENT);

        assertThat(outcome.kind()).isEqualTo(PdcOutcome.Kind.FOUND);
        assertThat(outcome.object().path("id").asInt()).isEqualTo(9);
        List<FakePdcServer.Recorded> gets = server.requests("GET", "component-group-types/");
        assertThat(gets).hasSize(2);
        assertThat(gets.get(1).query()).as("re-read must dodge PDC's 30 s GET cache")
                .isNotEqualTo(gets.get(0).query()).startsWith("name=deps&page_size=");
        assertThat(Long.parseLong(gets.get(1).query().replaceAll(".*page_size=", ""))).isGreaterThan(100);
        assertThat(server.requests("POST", "component-group-types/").get(0).body())
                .as("read-only id stripped").isEqualTo("{\"name\":\"deps\"}");
    }

    @Test
    void ensureAfterAConflictRetryThatTurnsIntoADuplicateReadsTheWinner() {
        server.on("GET", "global-components/", json(200, page(0, null, null)),
                json(200, "{\"count\": 1, \"next\": null, \"previous\": null, \"results\": [{\"id\": 3, \"name\": \"vim\"}]}"));
        server.on("POST", "global-components/",
                json(409, "{\"detail\": \"duplicate key value violates unique constraint\"}"),
                json(400, "{\"detail\": [\"Global component with this Name already exists.\"]}"));

        JsonNode gc = client.ensure("global-components", Map.of("name", "vim"), Map.of("name", "vim"), COMMENT);

        assertThat(gc.path("id").asInt()).isEqualTo(3);
    }

    @Test
    void ensureCreatesWhenAbsentAndTrustsTheCreateResponse() {
        server.on("GET", "global-components/", json(200, page(0, null, null)));
        server.on("POST", "global-components/", json(201, "{\"id\": 4, \"name\": \"zsh\"}"));

        PdcOutcome outcome = client.ensureOutcome("global-components", Map.of("name", "zsh"),
                Map.of("name", "zsh"), COMMENT);

        assertThat(outcome.kind()).isEqualTo(PdcOutcome.Kind.CREATED);
        assertThat(server.requests("GET", "global-components/")).hasSize(1);
    }

    @Test
    void upsertPatchesOnlyChangedWritableFieldsAndSkipsWhenNothingChanged() {
        String current = "{\"count\": 1, \"next\": null, \"previous\": null, \"results\": [{\"id\": 11, "
                + "\"release\": {\"release_id\": \"fedora-27\", \"active\": true}, \"global_component\": \"bash\", "
                + "\"name\": \"bash\", \"type\": \"rpm\", \"dist_git_branch\": \"f27\", \"active\": true, "
                + "\"bugzilla_component\": {\"id\": 1, \"name\": \"bash\", \"parent_component\": null, \"subcomponents\": []}, "
                + "\"dist_git_web_url\": \"https://src/bash\"}]}";
        server.on("GET", "release-components/", json(200, current));
        server.on("PATCH", "release-components/11/", json(200, "{\"id\": 11, \"active\": false}"));
        Map<String, Object> filter = Map.of("release", "fedora-27", "name", "bash", "type", "rpm",
                "include_inactive_release", "1");
        Map<String, Object> same = Map.of("id", 11, "release", "fedora-27", "global_component", "bash",
                "name", "bash", "type", "rpm", "active", true, "bugzilla_component", "bash",
                "dist_git_web_url", "ignored");

        PdcOutcome unchanged = client.upsertOutcome("release-components", filter, same, COMMENT);
        assertThat(unchanged.kind()).isEqualTo(PdcOutcome.Kind.UNCHANGED);
        assertThat(server.requests("PATCH", "release-components/11/")).isEmpty();

        Map<String, Object> changed = new java.util.HashMap<>(same);
        changed.put("active", false);
        PdcOutcome updated = client.upsertOutcome("release-components", filter, changed, COMMENT);

        assertThat(updated.kind()).isEqualTo(PdcOutcome.Kind.UPDATED);
        FakePdcServer.Recorded patch = server.requests("PATCH", "release-components/11/").get(0);
        assertThat(patch.body()).isEqualTo("{\"active\":false}");
        assertThat(patch.query()).isEqualTo("include_inactive_release=1");
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    static String page(int count, String next, String previous, int... ids) {
        StringBuilder results = new StringBuilder();
        for (int id : ids) {
            results.append(results.length() == 0 ? "" : ", ").append("{\"id\": ").append(id).append('}');
        }
        return "{\"count\": " + count + ", \"next\": " + quote(next) + ", \"previous\": " + quote(previous)
                + ", \"results\": [" + results + "]}";
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
