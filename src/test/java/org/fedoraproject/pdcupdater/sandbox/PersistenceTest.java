package org.fedoraproject.pdcupdater.sandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PersistenceTest {
    @TempDir
    Path dir;

    @Test
    void fileDatabaseSurvivesRestartAndSeedingIsIdempotent() {
        SandboxSettings settings = new SandboxSettings(null, 0, "jdbc:h2:file:" + dir.resolve("pdc").toAbsolutePath(),
                null, SandboxTestBase.RELEASES, false);
        int id;
        try (PdcSandbox first = PdcSandbox.start(settings)) {
            SandboxClient c = new SandboxClient(first.apiRoot());
            id = c.post("global-components/", "{\"name\": \"bash\"}").body().get("id").asInt();
            assertThat(c.patch("releases/fedora-24/", "{\"name\": \"Fedora Renamed\"}").status()).isEqualTo(200);
        }
        try (PdcSandbox second = PdcSandbox.start(settings)) {
            SandboxClient c = new SandboxClient(second.apiRoot());
            assertThat(c.get("global-components/" + id + "/").body().get("name").asText()).isEqualTo("bash");
            assertThat(c.get("releases/fedora-24/").body().get("name").asText()).isEqualTo("Fedora Renamed"); // not re-seeded
            assertThat(c.get("releases/?page_size=-1").body().size()).isEqualTo(19);
            assertThat(c.get("arches/?page_size=-1").body().size()).isEqualTo(48);
            assertThat(c.get("changesets/").body().get("count").asInt()).isEqualTo(2);
        }
    }
}
