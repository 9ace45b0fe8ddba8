package org.fedoraproject.pdcupdater.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * compose-rpms imports commit in batches (every 20,000 entries) yet stay all-or-nothing: a manifest large enough
 * for several committed batches that fails at its last entry leaves nothing visible and no rows behind, and the
 * rows of an import a crash left pending are hidden from readers and swept at the next start.
 */
class ComposeImportBatchesTest {
    private static final String COMPOSE = "Fedora-24-20151130.n.2";

    @TempDir
    Path dir;

    private PdcSandbox sandbox;
    private SandboxClient c;
    private String url;

    @AfterEach
    void stop() {
        if (sandbox != null) sandbox.close();
    }

    private void start() {
        sandbox = PdcSandbox.start(new SandboxSettings("127.0.0.1", 0, url, null, SandboxTestBase.RELEASES, false));
        c = new SandboxClient(sandbox.apiRoot());
    }

    @Test
    void aFailureAtTheLastEntryOfALargeManifestLeavesNothingBehind() throws SQLException {
        url = "jdbc:h2:file:" + dir.resolve("pdc");
        start();
        c.post("arches/", SandboxTestBase.j("{'name': 'armhfp'}"));
        String ci = ComposeImportTest.read("composeinfo.json");
        // 8,000 packages: 24,000 entries, so the first 20,000 are committed before the bad one is read.
        String manifest = RpmManifests.generate(COMPOSE, 8_000);
        String last = "\"pkg7999-devel-0:1.0-1.fc24.x86_64\": {\"path\": \"Everything/x86_64/os/Packages/p/"
                + "pkg7999-devel-1.0-1.fc24.x86_64.rpm\", \"sigkey\": \"";
        String bad = manifest.replace(last + "81b46521\"", last + "nothex!!\"");
        assertThat(bad).isNotEqualTo(manifest);
        long sigkeysBefore = count("SELECT COUNT(*) FROM sigkeys");
        long pathsBefore = count("SELECT COUNT(*) FROM paths");

        var refused = c.post("compose-rpms/", "{\"release_id\": \"fedora-24\", \"composeinfo\": " + ci
                + ", \"rpm_manifest\": " + bad + "}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("detail").get(0).asText()).isEqualTo("Invalid sigkey: nothex!!");
        assertThat(c.get("rpms/").body().get("count").asInt()).isZero();
        assertThat(c.get("composes/" + COMPOSE + "/").status()).isEqualTo(404);
        assertThat(c.get("compose-rpms/" + COMPOSE + "/").status()).isEqualTo(404);
        assertThat(count("SELECT COUNT(*) FROM compose_rpms")).isZero();
        assertThat(count("SELECT COUNT(*) FROM rpms")).isZero();
        assertThat(count("SELECT COUNT(*) FROM composes")).isZero();
        assertThat(count("SELECT COUNT(*) FROM variants")).isZero();
        assertThat(count("SELECT COUNT(*) FROM pending_imports")).isZero();
        assertThat(count("SELECT COUNT(*) FROM sigkeys")).isEqualTo(sigkeysBefore);
        assertThat(count("SELECT COUNT(*) FROM paths")).isEqualTo(pathsBefore);

        // The same manifest without the bad entry then imports whole.
        var ok = c.post("compose-rpms/", "{\"release_id\": \"fedora-24\", \"composeinfo\": " + ci
                + ", \"rpm_manifest\": " + manifest + "}");
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.body().get("imported rpms").asInt()).isEqualTo(24_000);
        assertThat(c.get("rpms/?compose=" + COMPOSE).body().get("count").asInt()).isEqualTo(24_000);
        assertThat(count("SELECT COUNT(*) FROM pending_imports")).isZero();
    }

    @Test
    void rowsOfAnImportLeftPendingAreHiddenAndSweptAtStart() throws SQLException {
        url = "jdbc:h2:file:" + dir.resolve("pdc");
        start();
        c.post("arches/", SandboxTestBase.j("{'name': 'armhfp'}"));
        String ci = ComposeImportTest.read("composeinfo.json");
        assertThat(c.post("compose-rpms/", "{\"release_id\": \"fedora-24\", \"composeinfo\": " + ci
                + ", \"rpm_manifest\": " + RpmManifests.generate(COMPOSE, 50) + "}").status()).isEqualTo(201);
        String export = c.get("compose-rpms/" + COMPOSE + "/").body().toString();

        // What a crash in the middle of a second import leaves: a new compose, an RPM linked into the first
        // compose and into the new one, all tagged with an import still listed as pending.
        try (Connection db = DriverManager.getConnection(url, "sa", ""); Statement st = db.createStatement()) {
            st.execute("INSERT INTO pending_imports (id, compose_pk, sigkey_floor, path_floor) "
                    + "SELECT 999, id, 0, 0 FROM composes WHERE compose_id = '" + COMPOSE + "'");
            st.execute("INSERT INTO composes (compose_id, release_pk, compose_date, compose_type_pk, compose_respin, "
                    + "deleted, acceptance_pk, rtt_tested_architectures, import_pk) SELECT 'Fedora-24-20151130.n.3', "
                    + "release_pk, compose_date, compose_type_pk, 3, FALSE, acceptance_pk, '{}', 999 FROM composes");
            st.execute("INSERT INTO rpms (name, epoch, version, release, arch, srpm_name, srpm_nevra, filename, import_pk) "
                    + "VALUES ('crashed', 0, '1', '1', 'x86_64', 'crashed', 'crashed-0:1-1.src', 'crashed-1-1.x86_64.rpm', 999)");
            st.execute("INSERT INTO compose_rpms (variant_arch_pk, rpm_pk, content_category_pk, sigkey_pk, path_pk, import_pk) "
                    + "SELECT cr.variant_arch_pk, (SELECT id FROM rpms WHERE name = 'crashed'), cr.content_category_pk, "
                    + "cr.sigkey_pk, cr.path_pk, 999 FROM compose_rpms cr FETCH FIRST 1 ROWS ONLY");
        }
        assertThat(c.get("rpms/").body().get("count").asInt()).isEqualTo(150);
        assertThat(c.get("rpms/?name=crashed").body().get("count").asInt()).isZero();
        assertThat(c.get("composes/").body().get("count").asInt()).isEqualTo(1);
        assertThat(c.get("composes/Fedora-24-20151130.n.3/").status()).isEqualTo(404);
        assertThat(c.get("compose-rpms/" + COMPOSE + "/").body().toString()).isEqualTo(export);

        sandbox.close();
        sandbox = null;
        start();

        assertThat(count("SELECT COUNT(*) FROM pending_imports")).isZero();
        assertThat(count("SELECT COUNT(*) FROM rpms WHERE import_pk = 999")).isZero();
        assertThat(count("SELECT COUNT(*) FROM compose_rpms WHERE import_pk = 999")).isZero();
        assertThat(count("SELECT COUNT(*) FROM composes WHERE import_pk = 999")).isZero();
        assertThat(c.get("rpms/").body().get("count").asInt()).isEqualTo(150);
        assertThat(c.get("compose-rpms/" + COMPOSE + "/").body().toString()).isEqualTo(export);
    }

    private long count(String sql) throws SQLException {
        try (Connection db = DriverManager.getConnection(url, "sa", ""); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
