package org.fedoraproject.pdcupdater.sandbox.koji;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.fedoraproject.pdcupdater.source.koji.KojiBuild;
import org.fedoraproject.pdcupdater.source.koji.KojiCall;
import org.fedoraproject.pdcupdater.source.koji.KojiClient;
import org.fedoraproject.pdcupdater.source.koji.KojiDep;
import org.fedoraproject.pdcupdater.source.koji.KojiFaultException;
import org.fedoraproject.pdcupdater.source.koji.KojiRpm;
import org.fedoraproject.pdcupdater.source.koji.XmlRpcCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in as an HTTP server: what it accepts, what it answers, how it is started. */
class KojiStandinTest {

    private final KojiStandinServer koji = KojiStandin.startBundled("127.0.0.1", 0);
    private final KojiClient client = new KojiClient(koji.uri());
    private final HttpClient http = HttpClient.newHttpClient();
    private final XmlRpcCodec codec = new XmlRpcCodec();

    @AfterEach
    void stop() {
        koji.close();
    }

    private HttpResponse<byte[]> post(String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(koji.uri()).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void answersAPythonClientsRequest() throws Exception {
        // As koji's ClientSession sends session.getBuild(966549, strict=True).
        String python = "<?xml version='1.0'?>\n<methodCall>\n<methodName>getBuild</methodName>\n<params>\n"
                + "<param>\n<value><int>966549</int></value>\n</param>\n"
                + "<param>\n<value><struct>\n<member>\n<name>strict</name>\n<value><boolean>1</boolean></value>\n"
                + "</member>\n<member>\n<name>__starstar</name>\n<value><boolean>1</boolean></value>\n</member>\n"
                + "</struct></value>\n</param>\n</params>\n</methodCall>\n";
        HttpResponse<byte[]> response = post(python);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/xml");
        @SuppressWarnings("unchecked")
        Map<String, Object> build = (Map<String, Object>) codec.decodeResponse(response.body());
        assertThat(build).containsEntry("nvr", "template-glib-3.25.92-1.fc28").containsEntry("owner_name", "yaneti")
                .containsEntry("epoch", null).containsEntry("volume_name", "DEFAULT")
                .containsKeys("creation_ts", "completion_ts", "source", "extra", "cg_name");
    }

    @Test
    void onlyPostIsAccepted() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(koji.uri()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void unreadableRequestsAreBadRequests() throws Exception {
        assertThat(post("this is not XML").statusCode()).isEqualTo(400);
        HttpResponse<byte[]> doctype = post("<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e 'x'>]>"
                + "<methodCall><methodName>getAPIVersion</methodName></methodCall>");
        assertThat(doctype.statusCode()).isEqualTo(400);
        assertThat(new String(doctype.body(), StandardCharsets.UTF_8)).contains("DOCTYPE is not allowed");
    }

    @Test
    void unknownMethodIsAFaultLikeKojis() throws Exception {
        HttpResponse<byte[]> response = post("<methodCall><methodName>nope</methodName></methodCall>");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> codec.decodeResponse(response.body()))
                .isInstanceOfSatisfying(KojiFaultException.class, f -> {
                    assertThat(f.faultCode()).isEqualTo(1000);
                    assertThat(f.faultString()).isEqualTo("Invalid method: nope");
                });
    }

    @Test
    void multicallUnderBothNamesAndNoNesting() {
        Object koji1 = client.call(KojiCall.of("multiCall",
                List.of(Map.of("methodName", "getAPIVersion", "params", List.of()))));
        assertThat(koji1).isEqualTo(List.of(List.of(1)));
        Object nested = client.call(KojiCall.of("system.multicall", List.of(Map.of("methodName", "system.multicall",
                "params", List.of(List.of())))));
        assertThat(nested).isEqualTo(List.of(Map.of("faultCode", 1000, "faultString", "multicall cannot be nested")));
    }

    @Test
    void countsRequestsAndCallsInsideMulticalls() {
        long before = koji.standin().requestCount();
        client.listRPMs(List.of(966549, 966550, 966557));
        assertThat(koji.standin().requestCount() - before).isEqualTo(1);
        assertThat(koji.standin().callCount("system.multicall")).isEqualTo(1);
        assertThat(koji.standin().callCount("listRPMs")).isEqualTo(3);
    }

    @Test
    void listTaggedFilters() {
        assertThat(client.call(KojiCall.of("listTagged", "f28").with("package", "jetty"))).asList().hasSize(1);
        assertThat(client.call(KojiCall.of("listTagged", "f28").with("prefix", "TEMPLATE"))).asList().hasSize(2);
        assertThat(client.call(KojiCall.of("listTagged", "f28").with("owner", "ralph"))).asList().hasSize(1);
        // latest=N keeps the N newest per package.
        assertThat(client.call(KojiCall.of("listTagged", "f28").with("latest", 2))).asList().hasSize(3);
        assertThat(client.call(KojiCall.of("listTagged", "f99").with("strict", false))).asList().isEmpty();
        assertThat(client.call(KojiCall.of("listTagged", 1913))).asList().hasSize(3);
        assertThat(client.call(KojiCall.of("listTagged", "f28").with("extra", true))).asList()
                .allSatisfy(row -> assertThat(((Map<?, ?>) row).containsKey("extra")).isTrue());
        assertThat(client.call(KojiCall.of("listTagged", "f28"))).asList()
                .allSatisfy(row -> assertThat(((Map<?, ?>) row).containsKey("extra")).isFalse());
    }

    @Test
    void whatTheModelCannotAnswerIsRefusedNotIgnored() {
        assertThatThrownBy(() -> client.call(KojiCall.of("listTagged", "f28").with("event", 26842752)))
                .isInstanceOf(KojiFaultException.class).hasMessageContaining("does not model listTagged(event=...)");
        assertThatThrownBy(() -> client.call(KojiCall.of("listRPMs").with("componentBuildrootID", 9779964)))
                .isInstanceOf(KojiFaultException.class).hasMessageContaining("does not model");
    }

    @Test
    void buildsAndRpmsByOtherKeys() {
        Object byDict = client.call(KojiCall.of("getBuild",
                Map.of("name", "jetty", "version", "9.4.6", "release", "2.v20170531.fc27")));
        assertThat(KojiBuild.from(byDict).id()).isEqualTo(920410);
        assertThat(client.getBuild("jetty-9.4.6-2.v20170531.fc27")).map(KojiBuild::id).contains(920410);
        Object rpm = client.call(KojiCall.of("getRPM", "template-glib-debuginfo-3.25.92-1.fc28.armv7hl"));
        assertThat(KojiRpm.from(rpm).id()).isEqualTo(11251189);
        assertThat(client.call(KojiCall.of("getRPM", "nope-1-1.noarch"))).isNull();
        assertThat(client.call(KojiCall.of("listRPMs").with("buildID", 966549).with("arches", "src"))).asList()
                .hasSize(1);
        assertThat(client.call(KojiCall.of("listRPMs").with("buildID", 966549).with("arches", List.of("src", "x86_64"))))
                .asList().hasSize(4);
    }

    @Test
    void depsWithoutATypeComeInKojisOrder() {
        int jdk14 = client.listRPMs(966572).stream().filter(r -> r.name().equals("slf4j-jdk14")).findFirst()
                .orElseThrow().id();
        List<Object> types = ((List<?>) client.call(KojiCall.of("getRPMDeps", jdk14))).stream()
                .map(d -> ((Map<?, ?>) d).get("type")).map(Object.class::cast).toList();
        assertThat(types).containsExactly(KojiDep.REQUIRES, KojiDep.REQUIRES, KojiDep.PROVIDES, KojiDep.PROVIDES,
                KojiDep.CONFLICTS);
    }

    @Test
    void buildsAddedInCodeAreServedAtOnce() {
        KojiData data = koji.data();
        int buildId = data.nextBuildId();
        StandinBuild build = data.addBuild(StandinBuild.complete(buildId, "kernel", "4.13.0", "1.fc28", "jforbes")
                .withEpoch(1));
        data.addRpm(StandinRpm.of(data.nextRpmId(), build, "kernel", "src"));
        data.addRpm(StandinRpm.of(data.nextRpmId(), build, "kernel-core", "x86_64"));
        data.tagBuild("f28", buildId);

        KojiBuild found = client.getBuild("kernel-4.13.0-1.fc28").orElseThrow();
        assertThat(found.id()).isEqualTo(buildId);
        assertThat(found.epochOrZero()).isEqualTo(1);
        assertThat(client.listRPMs(buildId)).extracting(KojiRpm::nvra, KojiRpm::epoch).containsExactly(
                org.assertj.core.groups.Tuple.tuple("kernel-4.13.0-1.fc28.src", 1),
                org.assertj.core.groups.Tuple.tuple("kernel-core-4.13.0-1.fc28.x86_64", 1));
        assertThat(client.listTagged("f28", true, false)).extracting(KojiBuild::nvr).first()
                .isEqualTo("kernel-4.13.0-1.fc28");

        data.untagBuild("f28", buildId);
        assertThat(client.listTagged("f28", true, false)).extracting(KojiBuild::nvr)
                .doesNotContain("kernel-4.13.0-1.fc28");
        assertThatThrownBy(() -> data.addBuild(StandinBuild.complete(data.nextBuildId(), "kernel", "4.13.0", "1.fc28",
                "x"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("build exists");
    }

    @Test
    void failuresCanBeInjected() throws Exception {
        koji.standin().failNextRequests(2, 503);
        assertThat(post("<methodCall><methodName>getAPIVersion</methodName></methodCall>").statusCode()).isEqualTo(503);
        assertThat(post("<methodCall><methodName>getAPIVersion</methodName></methodCall>").statusCode()).isEqualTo(503);
        HttpResponse<byte[]> ok = post("<methodCall><methodName>getAPIVersion</methodName></methodCall>");
        assertThat(codec.decodeResponse(new ByteArrayInputStream(ok.body()))).isEqualTo(1);
    }

    @Test
    void startsFromADataFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("koji.json");
        Files.writeString(file, """
                { "tags": [ {"id": 7, "name": "epel7", "parents": []} ],
                  "builds": [ {"id": 42, "name": "cowsay", "version": "3.04", "release": "4.el7", "epoch": 2,
                               "owner_name": "someone", "tags": ["epel7"],
                               "rpms": [ {"id": 4201, "name": "cowsay", "arch": "src"},
                                         {"id": 4202, "name": "cowsay", "arch": "noarch",
                                          "requires": ["perl(Getopt::Std)", "perl >= 5.8"],
                                          "provides": ["cowsay = 2:3.04-4.el7"]} ] } ] }
                """);
        try (KojiStandinServer fromFile = KojiStandin.start("127.0.0.1", 0, file)) {
            KojiClient c = new KojiClient(fromFile.uri());
            assertThat(c.getBuild(42)).map(KojiBuild::nvr).contains("cowsay-3.04-4.el7");
            assertThat(c.listTagged("epel7", true, false)).extracting(KojiBuild::id).containsExactly(42);
            assertThat(c.listRPMs(42)).extracting(KojiRpm::epochForPdc).containsOnly(2);
            assertThat(c.getRPMDeps(4202, KojiDep.REQUIRES)).extracting(KojiDep::name, KojiDep::operator)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("perl(Getopt::Std)", ""),
                            org.assertj.core.groups.Tuple.tuple("perl", ">="));
            assertThat(fromFile.uri().toString()).startsWith("http://127.0.0.1:").endsWith("/kojihub");
        }
    }

    @Test
    void badDataFilesAreRefusedWithTheReason(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{ \"builds\": [ {\"id\": 1, \"name\": \"x\", \"version\": \"1\", \"release\": \"1\","
                + " \"owner_name\": \"o\", \"tags\": [\"missing\"]} ] }");
        assertThatThrownBy(() -> KojiData.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.json").hasMessageContaining("no tag missing");
    }
}
