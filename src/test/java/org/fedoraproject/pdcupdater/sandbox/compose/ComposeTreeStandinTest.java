package org.fedoraproject.pdcupdater.sandbox.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.fedoraproject.pdcupdater.sandbox.standin.StandinServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compose tree stand-in over HTTP, serving the bundled tree. */
class ComposeTreeStandinTest {

    @TempDir
    Path tree;
    StandinServer server;
    URI base;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        BundledComposeTree.write(tree);
        server = StandinServer.start("127.0.0.1", 0, Map.of(ComposeTreeStandin.PATH, new ComposeTreeStandin(tree)));
        base = server.uri(ComposeTreeStandin.PATH);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path, String method) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheBundledComposeLikeKojipkgs() throws Exception {
        String metadata = "rawhide/Fedora-24-20151130.n.2/compose/metadata/";
        HttpResponse<String> composeinfo = get(metadata + "composeinfo.json", "GET");
        assertThat(composeinfo.statusCode()).isEqualTo(200);
        assertThat(composeinfo.body().getBytes()).isEqualTo(BundledComposeTree.resource("composeinfo.json"));
        assertThat(composeinfo.headers().firstValue("Content-Type")).hasValue("application/json");

        var rpms = new ObjectMapper().readTree(get(metadata + "rpms.json", "GET").body());
        assertThat(rpms.path("payload").path("compose").path("id").asText()).isEqualTo("Fedora-24-20151130.n.2");
        assertThat(rpms.path("payload").path("rpms").path("Server").path("armhfp").size())
                .isEqualTo(BundledComposeTree.PACKAGES_PER_ARCH);

        assertThat(get("rawhide/Fedora-24-20151130.n.2/STATUS", "GET").body().strip()).isEqualTo("FINISHED");
        assertThat(get(metadata + "rpms.json", "HEAD").headers().firstValueAsLong("Content-Length").getAsLong())
                .isEqualTo(Files.size(tree.resolve(metadata).resolve("rpms.json")));
    }

    @Test
    void listsDirectoriesAndAnswers404AndRefusesToLeaveTheRoot() throws Exception {
        assertThat(get("", "GET").body()).contains("<a href=\"rawhide/\">");
        assertThat(get("rawhide/", "GET").body()).contains("<a href=\"Fedora-24-20151130.n.2/\">");
        assertThat(get("rawhide", "GET").statusCode()).isEqualTo(301);
        // The compose the bundled pungi messages name: the fixture moved to its identity.
        String moved = get("rawhide/Fedora-24-20151208.n.7/compose/metadata/composeinfo.json", "GET").body();
        assertThat(moved).contains("\"id\" : \"Fedora-24-20151208.n.7\"", "\"date\" : \"20151208\"", "\"respin\" : 7")
                .doesNotContain("20151130");
        assertThat(get("rawhide/Fedora-24-20151208.n.8/compose/metadata/composeinfo.json", "GET").statusCode())
                .isEqualTo(404);
        assertThat(get("rawhide/../../../etc/passwd", "GET").statusCode()).isEqualTo(404);
        assertThat(get("rawhide/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "GET").statusCode()).isEqualTo(404);
        assertThat(get("rawhide/", "DELETE").statusCode()).isEqualTo(405);
    }
}
