package org.fedoraproject.pdcupdater.pdc.contract;

import org.fedoraproject.pdcupdater.sandbox.PdcSandbox;
import org.fedoraproject.pdcupdater.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.net.URI;
import java.util.UUID;

/**
 * The contract tests against the embedded PDC sandbox, with PDC's 30 s GET cache switched on (errata 1) so the
 * client's cache-dodging re-reads are exercised too. The sandbox accepts only {@link #TOKEN}, so the bad-token test
 * means something.
 */
class SandboxPdcContractTest extends PdcContractTestBase {

    private static final String TOKEN = "c0ntract7e5t" + UUID.randomUUID().toString().replace("-", "");

    private static PdcSandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = PdcSandbox.start(new SandboxSettings("127.0.0.1", 0,
                "jdbc:h2:mem:contract-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", TOKEN, null, true));
    }

    @AfterAll
    static void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Override
    protected URI apiRoot() {
        return sandbox.apiRoot();
    }

    @Override
    protected String token() {
        return TOKEN;
    }
}
