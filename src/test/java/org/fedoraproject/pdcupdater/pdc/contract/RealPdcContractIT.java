package org.fedoraproject.pdcupdater.pdc.contract;

import org.junit.jupiter.api.BeforeAll;

import java.net.URI;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract tests against a real PDC, e.g. a staging instance:
 * {@code mvn verify -Dit.test=RealPdcContractIT -Dpdc.url=https://pdc.stg.example/rest_api/v1/ -Dpdc.token=...}
 * (or environment {@code PDC_URL}/{@code PDC_TOKEN}). Skipped when either is missing. It creates and removes data
 * under unique names; releases it creates cannot be deleted in PDC and are left deactivated.
 */
class RealPdcContractIT extends PdcContractTestBase {

    private static final String URL = setting("pdc.url", "PDC_URL");
    private static final String TOKEN = setting("pdc.token", "PDC_TOKEN");

    @BeforeAll
    static void requireARealPdc() {
        assumeTrue(URL != null && TOKEN != null,
                "set pdc.url and pdc.token (system properties or PDC_URL/PDC_TOKEN) to check against a real PDC");
    }

    @Override
    protected URI apiRoot() {
        return URI.create(URL);
    }

    @Override
    protected String token() {
        return TOKEN;
    }

    private static String setting(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(property);
        }
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? null : v.strip();
    }
}
