package org.fedoraproject.pdcupdater.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.nio.file.Path;
import java.util.UUID;

/** Starts a fresh in-memory sandbox (with the repository's seeded releases) per test. */
abstract class SandboxTestBase {
    static final Path RELEASES = Path.of("config/sandbox-releases.json");
    PdcSandbox sandbox;
    SandboxClient c;

    @BeforeEach
    void startSandbox() {
        sandbox = PdcSandbox.start(SandboxSettings.inMemory("t" + UUID.randomUUID()).withReleasesFile(RELEASES));
        c = new SandboxClient(sandbox.apiRoot());
    }

    @AfterEach
    void stopSandbox() {
        if (sandbox != null) sandbox.close();
    }

    static String j(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
