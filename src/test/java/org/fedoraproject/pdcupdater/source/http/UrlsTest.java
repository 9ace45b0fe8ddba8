package org.fedoraproject.pdcupdater.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Set;

import org.junit.jupiter.api.Test;

class UrlsTest {

    @Test
    void segmentsEncodeEverythingButUnreservedCharacters() {
        assertThat(Urls.segment("libsigc++20")).isEqualTo("libsigc%2B%2B20");
        assertThat(Urls.segment("a b/c")).isEqualTo("a%20b%2Fc");
        assertThat(Urls.segment("R-BSgenome_1.0~x")).isEqualTo("R-BSgenome_1.0~x");
        assertThat(Urls.segment("ü")).isEqualTo("%C3%BC");
    }

    @Test
    void relativePathsKeepSlashesButRefuseTraversal() {
        assertThat(Urls.path("dir/file name.json")).isEqualTo("dir/file%20name.json");
        assertThatThrownBy(() -> Urls.path("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Urls.path("/abs")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void queriesAreFormEncodedAndSkipNulls() {
        String q = new Urls.Query().add("pattern", "a*").add("skip", null).add("name", "x y&z").toString();
        assertThat(q).isEqualTo("pattern=a*&name=x+y%26z");
    }

    @Test
    void redactionDropsUserInfoMasksSecretParametersAndConfiguredSecrets() {
        URI uri = URI.create("https://bob:hunter2@example.org:8443/api/x?page=2&api_token=abc&password=pw&q=hunter2");
        String safe = Urls.redact(uri, Set.of("hunter2"));
        assertThat(safe).isEqualTo("https://example.org:8443/api/x?page=2&api_token=***&password=***&q=***");
    }
}
