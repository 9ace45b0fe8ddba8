package org.fedoraproject.pdcupdater.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.sandbox.PdcSandbox;
import org.fedoraproject.pdcupdater.sandbox.SandboxSettings;
import org.fedoraproject.pdcupdater.testsupport.Eventually;
import org.fedoraproject.pdcupdater.testsupport.TestBus;
import org.fedoraproject.pdcupdater.testsupport.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's security over real HTTP, with login required: who may call Jolokia, what a viewer may do, what
 * nobody may read, from which origin, and that the PDC token and the database password are nowhere to be seen.
 * PDC is a real sandbox server that demands the marker token.
 */
class ConsoleSecurityIT {

    private static final String TOKEN = "pdc-token-marker-" + UUID.randomUUID();
    private static final String DB_PASSWORD = "db-password-marker-" + UUID.randomUUID();
    private static final String DISPATCH_ROUTE = "org.apache.camel:context=pdc-updater,type=routes,name=\"dispatch\"";

    @TempDir
    static Path dir;

    private static PdcSandbox pdc;
    private static TestBus bus;
    private static RootLogCapture logs;
    private static TestService service;
    private static int port;

    @BeforeAll
    static void start() {
        logs = RootLogCapture.attach();
        pdc = PdcSandbox.start(new SandboxSettings("127.0.0.1", 0, "jdbc:h2:mem:console-pdc-" + UUID.randomUUID(),
                TOKEN, null, false));
        bus = TestBus.onFreePort();
        Map<String, String> s = new HashMap<>();
        s.put("console.authentication", "true");
        s.put("console.users-file", ConsoleUsers.write(dir).toString());
        s.put("pdc.url", pdc.apiRoot().toString());
        s.put("pdc.token", TOKEN);
        s.put("db.url", "jdbc:h2:mem:console-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        s.put("db.password", DB_PASSWORD);
        s.put("fedmsg.endpoints", bus.endpoint());
        s.put("fedmsg.local-pki-dir", dir.resolve("pki").toString());
        s.put("fedmsg.ca-cert", dir.resolve("pki/ca.crt").toString());
        s.put("fedmsg.crl", dir.resolve("pki/crl.pem").toString());
        service = TestService.start(s);
        port = service.managementPort();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (bus != null) {
            bus.close();
        }
        if (pdc != null) {
            pdc.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    private static ConsoleHttp loggedIn(String user, String password) {
        ConsoleHttp http = new ConsoleHttp(port);
        assertThat(http.login(user, password)).as("login of " + user).isEqualTo(200);
        return http;
    }

    private static ConsoleHttp admin() {
        return loggedIn(ConsoleUsers.ADMIN, ConsoleUsers.ADMIN_PASSWORD);
    }

    private static ConsoleHttp viewer() {
        return loggedIn(ConsoleUsers.VIEWER, ConsoleUsers.VIEWER_PASSWORD);
    }

    @Test
    void jolokiaWithoutALoginIsRefused() {
        ConsoleHttp anonymous = new ConsoleHttp(port);
        assertThat(anonymous.jolokia("{\"type\":\"version\"}").statusCode()).isIn(401, 403);
        assertThat(anonymous.get("/hawtio/jolokia/version").statusCode()).isIn(401, 403);
        assertThat(anonymous.jolokia("{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\"}").body())
                .doesNotContain("HeapMemoryUsage");
    }

    @Test
    void aWrongPasswordOrUnknownUserDoesNotLogIn() {
        assertThat(new ConsoleHttp(port).login(ConsoleUsers.ADMIN, "not-the-password")).isNotEqualTo(200);
        assertThat(new ConsoleHttp(port).login("mallory", ConsoleUsers.ADMIN_PASSWORD)).isNotEqualTo(200);
    }

    @Test
    void aViewerReadsButRunsNoOperationAndWritesNothing() {
        ConsoleHttp viewer = viewer();
        assertThat(viewer.jolokiaJson("{\"type\":\"read\",\"mbean\":\"" + esc(DISPATCH_ROUTE)
                + "\",\"attribute\":\"ExchangesTotal\"}").path("status").asInt()).isEqualTo(200);
        assertThat(viewer.jolokiaJson("{\"type\":\"read\",\"mbean\":\"org.fedoraproject.pdcupdater:type=DeadLetters\"}")
                .path("status").asInt()).isEqualTo(200);

        // Operations that change something: refused.
        assertThat(status(viewer, exec(DISPATCH_ROUTE, "stop()"))).isEqualTo(403);
        assertThat(status(viewer, exec("org.fedoraproject.pdcupdater:type=DeadLetters", "retry(long)", "1"))).isEqualTo(403);
        assertThat(status(viewer, exec("java.lang:type=Memory", "gc()"))).isEqualTo(403);
        assertThat(status(viewer, "{\"type\":\"write\",\"mbean\":\"" + esc(DISPATCH_ROUTE)
                + "\",\"attribute\":\"TracingVerbose\",\"value\":true}")).isEqualTo(403);
        // The route still runs.
        assertThat(admin().jolokiaJson(read(DISPATCH_ROUTE, "State")).path("value").asText()).isEqualTo("Started");

        // A report that changes nothing (the Camel plugin's route diagram): allowed.
        assertThat(status(viewer, exec(DISPATCH_ROUTE, "dumpRouteStatsAsXml(boolean,boolean)", "false", "true")))
                .isEqualTo(200);
    }

    @Test
    void anAdminRunsOperations() {
        ConsoleHttp admin = admin();
        assertThat(status(admin, exec(DISPATCH_ROUTE, "stop()"))).isEqualTo(200);
        assertThat(admin.jolokiaJson(read(DISPATCH_ROUTE, "State")).path("value").asText()).isEqualTo("Stopped");
        assertThat(status(admin, exec(DISPATCH_ROUTE, "start()"))).isEqualTo(200);
        assertThat(admin.jolokiaJson(read(DISPATCH_ROUTE, "State")).path("value").asText()).isEqualTo("Started");
        assertThat(admin.jolokiaJson(exec("org.fedoraproject.pdcupdater:type=DeadLetters", "retry(long)", "424242"))
                .path("value").asText()).contains("no open dead letter");
    }

    @Test
    void restrictedAttributesAreDeniedEvenToAnAdmin() {
        ConsoleHttp admin = admin();
        assertThat(status(admin, read("java.lang:type=Runtime", "SystemProperties"))).isEqualTo(403);
        assertThat(status(admin, read("java.lang:type=Runtime", "InputArguments"))).isEqualTo(403);
        assertThat(status(admin, exec("com.sun.management:type=HotSpotDiagnostic", "dumpHeap(java.lang.String,boolean)",
                "\"" + esc(dir.resolve("heap.hprof").toString()) + "\"", "true"))).isEqualTo(403);
        assertThat(status(admin, exec("org.apache.camel:context=pdc-updater,type=context,name=\"pdc-updater\"",
                "sendBody(java.lang.String,java.lang.Object)", "\"direct:dispatch\"", "\"x\""))).isEqualTo(403);
        // Other attributes of the same MBean are fine.
        assertThat(status(admin, read("java.lang:type=Runtime", "Uptime"))).isEqualTo(200);
    }

    @Test
    void requestsFromAnotherOriginOrWithoutOneAreRefused() {
        ConsoleHttp admin = admin();
        // Jolokia answers a refused request with HTTP 200 and its own status 403 in the JSON, with no CORS header.
        HttpResponse<String> evil = admin.withOrigin("http://evil.example.org").jolokia("{\"type\":\"version\"}");
        assertThat(evil.body()).contains("\"status\":403").doesNotContain("\"agent\"");
        assertThat(evil.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(admin.withOrigin(null).jolokia("{\"type\":\"version\"}").body()).contains("\"status\":403");
        assertThat(status(admin.withOrigin("http://127.0.0.1:" + port), "{\"type\":\"version\"}")).isEqualTo(200);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrict() {
        ConsoleHttp http = new ConsoleHttp(port);
        HttpResponse<String> login = http.loginResponse(ConsoleUsers.VIEWER, ConsoleUsers.VIEWER_PASSWORD);
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict"));
    }

    @Test
    void theTokenAndTheDatabasePasswordAreInNoJolokiaAnswerPageOrLog() {
        ConsoleHttp admin = admin();
        List<String> answers = new ArrayList<>();
        answers.add(admin.jolokia("{\"type\":\"list\"}").body());
        JsonNode names = admin.jolokiaJson("{\"type\":\"search\",\"mbean\":\"*:*\"}").path("value");
        assertThat(names.size()).isGreaterThan(20);
        StringBuilder bulk = new StringBuilder("[");
        for (JsonNode name : names) {
            bulk.append(bulk.length() > 1 ? "," : "").append("{\"type\":\"read\",\"mbean\":\"")
                    .append(esc(name.asText())).append("\"}");
        }
        answers.add(admin.jolokia(bulk.append(']').toString()).body());
        // What the Camel plugin shows: route sources and endpoint URIs, with placeholders resolved.
        String context = "org.apache.camel:context=pdc-updater,type=context,name=\"pdc-updater\"";
        answers.add(admin.jolokia(exec(context, "dumpRoutesAsXml(boolean)", "true")).body());
        answers.add(admin.jolokia(exec(context, "dumpRoutesAsYaml(boolean)", "true")).body());
        answers.add(admin.get("/observe/health?exposureLevel=full&data=true").body());
        answers.add(admin.get("/observe/metrics").body());
        answers.add(admin.get("/hawtio/").body());
        answers.add(admin.get("/hawtio/auth/config").body());

        assertThat(answers.get(1)).contains("ExchangesTotal"); // the bulk read really read the MBeans
        for (String answer : answers) {
            assertThat(answer).doesNotContain(TOKEN).doesNotContain(DB_PASSWORD);
        }
        assertThat(logs.size()).isPositive();
        assertThat(logs.all()).doesNotContain(TOKEN).doesNotContain(DB_PASSWORD);
    }

    @Test
    void healthAndMetricsAreOnTheConsolePortWithoutLogin() {
        ConsoleHttp anonymous = new ConsoleHttp(port);
        Eventually.await("ready: bus connected and database open",
                () -> anonymous.get("/observe/health/ready").statusCode() == 200);
        assertThat(anonymous.get("/observe/health/ready").body()).contains("\"UP\"");
        assertThat(anonymous.get("/observe/health/live").statusCode()).isEqualTo(200);
        HttpResponse<String> full = anonymous.get("/observe/health?exposureLevel=full");
        assertThat(full.body()).contains("database").contains("consumer:fedmsg-bus");
        assertThat(anonymous.get("/observe/metrics").body()).contains("pdcupdater_messages_duplicate_total")
                .contains("camel_exchanges_total");

        bus.close();
        Eventually.await("not ready without the bus", () -> anonymous.get("/observe/health/ready").statusCode() == 503);
        assertThat(anonymous.get("/observe/health/ready").body()).contains("\"DOWN\"");
        assertThat(anonymous.get("/observe/health/live").statusCode()).isEqualTo(200);
        bus = new TestBus(Integer.parseInt(bus.endpoint().substring(bus.endpoint().lastIndexOf(':') + 1)));
        Eventually.await("ready again", () -> anonymous.get("/observe/health/ready").statusCode() == 200);
    }

    private static int status(ConsoleHttp http, String request) {
        return http.jolokiaJson(request).path("status").asInt();
    }

    private static String read(String mbean, String attribute) {
        return "{\"type\":\"read\",\"mbean\":\"" + esc(mbean) + "\",\"attribute\":\"" + attribute + "\"}";
    }

    private static String exec(String mbean, String operation, String... jsonArguments) {
        return "{\"type\":\"exec\",\"mbean\":\"" + esc(mbean) + "\",\"operation\":\"" + operation + "\",\"arguments\":["
                + String.join(",", jsonArguments) + "]}";
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
