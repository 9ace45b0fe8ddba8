package org.fedoraproject.pdcupdater.sandbox.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.fedoraproject.pdcupdater.source.http.TestHttp;
import org.junit.jupiter.api.Test;

class StandinServerTest {

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return TestHttp.CLIENT.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void mountsEachHandlerUnderItsContextPathOnAnEphemeralPort() throws Exception {
        StandinSet set = StandinSet.bundled();
        try (StandinServer server = StandinServer.start("127.0.0.1", 0, set.handlers())) {
            assertThat(server.port()).isPositive();
            assertThat(server.uri()).isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/"));
            assertThat(server.uri("mbs")).isEqualTo(server.uri().resolve("mbs/"));

            assertThat(get(server.uri("/pkgdb/").resolve("api/collections/")).statusCode()).isEqualTo(200);
            assertThat(get(server.uri("/distgit/").resolve("api/0/rpms/valgrind/git/branches")).body())
                    .contains("\"total_branches\":3");
            assertThat(get(server.uri("/mbs/").resolve("module-build-service/2/module-builds/1503")).body())
                    .contains("\"name\":\"testmodule\"").doesNotContain("modulemd");
            assertThat(get(server.uri().resolve("elsewhere/")).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void standInsAnswerTheirOwnErrorsInTheRealServersShape() throws Exception {
        StandinSet set = StandinSet.bundled();
        try (StandinServer server = StandinServer.start("127.0.0.1", 0, set.handlers())) {
            HttpResponse<String> mbs = get(server.uri("/mbs/").resolve("module-build-service/1/module-builds/7"));
            assertThat(mbs.statusCode()).isEqualTo(404);
            assertThat(mbs.body()).contains("\"message\":\"No such module found.\"");

            HttpResponse<String> badPage = get(server.uri("/mbs/").resolve("module-build-service/1/module-builds/?page=x"));
            assertThat(badPage.statusCode()).isEqualTo(400);

            HttpResponse<String> firstPage = get(server.uri("/mbs/").resolve("module-build-service/2/module-builds/?per_page=1&name=testmodule"));
            assertThat(firstPage.body()).contains("\"total\":1", "\"next\":null",
                    "module-build-service/2/module-builds/?name=testmodule&page=1&per_page=1");

            HttpResponse<String> pagure = get(server.uri("/distgit/").resolve("api/0/rpms/nope/git/branches"));
            assertThat(pagure.statusCode()).isEqualTo(404);
            assertThat(pagure.body()).contains("ENOPROJECT");

            HttpResponse<String> pkgdb = get(server.uri("/pkgdb/").resolve("api/packages/?pattern=zzz*"));
            assertThat(pkgdb.statusCode()).isEqualTo(404);
            assertThat(pkgdb.body()).contains("\"packages\":[]", "No packages found");

            HttpResponse<String> fas = get(server.uri("/fas/").resolve("user/list?search=ral*&fields=username&fields=nonsense"));
            assertThat(fas.body()).contains("\"exc\":\"Invalid\"");
        }
    }

    @Test
    void dataComesFromADirectoryWhenItHasTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve(FasStandin.DATA_FILE),
                "{\"people\": [{\"id\": 1, \"username\": \"solo\", \"email\": \"solo@example.org\"}]}");

        StandinSet set = StandinSet.load(dir);

        assertThat(set.fas().usernames()).containsExactly("solo");
        assertThat(set.pkgdb().packageNames("rpms")).contains("valgrind");
    }
}
