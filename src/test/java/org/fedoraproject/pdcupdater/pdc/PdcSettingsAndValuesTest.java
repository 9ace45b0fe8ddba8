package org.fedoraproject.pdcupdater.pdc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small value types: settings, token, change comment, query, paths, Retry-After. */
class PdcSettingsAndValuesTest {

    static final String SECRET = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void settingsDefaultsAreSafeAndTheRootGetsItsSlash() {
        PdcSettings s = PdcSettings.of(URI.create("https://pdc.fedoraproject.org/rest_api/v1"));

        assertThat(s.apiRoot()).hasToString("https://pdc.fedoraproject.org/rest_api/v1/");
        assertThat(s.insecure()).isFalse();
        assertThat(s.maxAttempts()).isEqualTo(5);
        assertThat(s.initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.bulkChunkSize()).isEqualTo(500);
        assertThat(s.resolveToken()).isEmpty();
    }

    @Test
    void settingsToStringNeverShowsTheToken() {
        PdcSettings s = PdcSettings.builder(URI.create("https://pdc.example/rest_api/v1/")).token(SECRET).build();

        assertThat(s.toString()).doesNotContain(SECRET).contains("token=[redacted]");
        assertThat(s.resolveToken()).get().hasToString("Token[redacted]");
        assertThat(s.resolveToken().get().authorizationHeader()).isEqualTo("Token " + SECRET);
    }

    @Test
    void tokenFileIsReadAndTrimmed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pdc.token");
        Files.writeString(file, "  " + SECRET + "\n");

        PdcSettings s = PdcSettings.builder(URI.create("https://pdc.example/rest_api/v1/")).tokenFile(file).build();

        assertThat(s.resolveToken().get().authorizationHeader()).isEqualTo("Token " + SECRET);
        assertThat(s.toString()).doesNotContain(SECRET).contains(file.toString());
    }

    @Test
    void unreadableOrMalformedTokenFilesFailWithoutShowingContent(@TempDir Path dir) throws IOException {
        PdcSettings missing = PdcSettings.builder(URI.create("https://pdc.example/")).tokenFile(dir.resolve("nope"))
                .build();
        assertThatThrownBy(missing::resolveToken).isInstanceOf(IllegalStateException.class).hasMessageContaining("nope");

        Path twoLines = dir.resolve("two");
        Files.writeString(twoLines, SECRET + "\nsecond-line");
        PdcSettings bad = PdcSettings.builder(URI.create("https://pdc.example/")).tokenFile(twoLines).build();
        assertThatThrownBy(bad::resolveToken).isInstanceOf(IllegalStateException.class)
                .message().doesNotContain(SECRET);
    }

    @Test
    void tokenAndTokenFileAreExclusiveAndTheRootMustBeHttp() {
        assertThatThrownBy(() -> PdcSettings.builder(URI.create("https://pdc.example/")).token("a")
                .tokenFile(Path.of("b")).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PdcSettings.of(URI.create("ftp://pdc.example/")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PdcSettings.of(URI.create("https://pdc.example/rest_api/v1/?format=json")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void changeCommentForAMessageAndSanitising() {
        assertThat(ChangeComment.forMessage("2017-8af01072-3a2b", "org.fedoraproject.prod.buildsys.tag").text())
                .isEqualTo("fedmsg 2017-8af01072-3a2b org.fedoraproject.prod.buildsys.tag");
        assertThat(ChangeComment.of("audit repair\r\nInjected: x").text()).isEqualTo("audit repair  Injected: x");
        assertThat(ChangeComment.of("caf\u00e9").text()).isEqualTo("caf\\u00e9");
        assertThat(ChangeComment.of("x".repeat(5000)).text()).hasSize(ChangeComment.MAX_LENGTH);
        assertThatThrownBy(() -> ChangeComment.of("  ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChangeComment.forMessage(" ", "t")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void queryRepeatsCollectionsSkipsNullsAndRedactsSecrets() {
        PdcQuery q = PdcQuery.of(new java.util.LinkedHashMap<>(Map.of("name", List.of("a", "b c"))))
                .with("active", true).with("missing", null).with("api_key", "k");

        assertThat(q.encode()).isEqualTo("name=a&name=b+c&active=true&api_key=k");
        assertThat(q.redacted()).isEqualTo("name=a&name=b+c&active=true&api_key=redacted");
        assertThat(PdcQuery.parse("page=2&name=%5Ebash%24&x").get("name")).isEqualTo("^bash$");
        assertThatThrownBy(() -> PdcQuery.of(Map.of("format", "json"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pathsAlwaysEndWithASlashAndEncodeKeys() {
        assertThat(PdcPaths.list("contacts/people")).isEqualTo("contacts/people/");
        assertThat(PdcPaths.list("/rpms/")).isEqualTo("rpms/");
        assertThat(PdcPaths.detail("releases", "supp-1.1@product-1")).isEqualTo("releases/supp-1.1@product-1/");
        assertThat(PdcPaths.detail("modules", "a b:c")).isEqualTo("modules/a%20b:c/");
        assertThatThrownBy(() -> PdcPaths.list("rpms/?format=json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PdcPaths.list("https://evil.example/")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDates() {
        Clock clock = Clock.fixed(Instant.parse("2017-06-01T12:00:00Z"), ZoneOffset.UTC);

        assertThat(RetryPolicy.parseRetryAfter("120", clock)).contains(Duration.ofMinutes(2));
        assertThat(RetryPolicy.parseRetryAfter("Thu, 01 Jun 2017 12:00:30 GMT", clock)).contains(Duration.ofSeconds(30));
        assertThat(RetryPolicy.parseRetryAfter("soon", clock)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter("-5", clock)).isEmpty();
    }
}
