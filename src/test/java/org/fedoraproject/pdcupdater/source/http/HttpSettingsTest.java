package org.fedoraproject.pdcupdater.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Set;

import org.junit.jupiter.api.Test;

class HttpSettingsTest {

    @Test
    void theBaseAlwaysEndsInASlashSoRelativePathsResolveBelowIt() {
        HttpSettings settings = HttpSettings.of("https://admin.fedoraproject.org/pkgdb");

        assertThat(settings.baseUri()).isEqualTo(URI.create("https://admin.fedoraproject.org/pkgdb/"));
        assertThat(settings.baseUri().resolve("api/packages/")).hasPath("/pkgdb/api/packages/");
    }

    @Test
    void secretsAddUpAndNeverShowInToString() {
        HttpSettings settings = HttpSettings.of("https://fas.example.org/accounts/")
                .withSecrets(Set.of("first-secret")).withSecrets(Set.of("second-secret"));

        assertThat(settings.secrets()).containsExactlyInAnyOrder("first-secret", "second-secret");
        assertThat(settings.toString()).doesNotContain("first-secret", "second-secret").contains("secrets=2");
    }

    @Test
    void atLeastOneAttempt() {
        assertThatThrownBy(() -> HttpSettings.of("http://x/").withRetries(0, HttpSettings.DEFAULT_INITIAL_BACKOFF,
                HttpSettings.DEFAULT_MAX_BACKOFF)).isInstanceOf(IllegalArgumentException.class);
    }
}
