package org.fedoraproject.pdcupdater.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.db.Database;
import org.fedoraproject.pdcupdater.db.DatabaseSettings;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's commands against a PDC they do not own, through the shaded jar: initialize loads
 * the rpms of f28, rows deleted, added and changed by hand are exactly what audit reports (exit
 * 2), audit --repair puts them right (exit 0), initialize again skips the finished handler.
 */
class AuditCliIT {

    private static final int BUILDS = 30;

    @TempDir
    Path dir;

    @Test
    void auditFindsExactlyTheHandEditsAndRepairFixesThem() throws Exception {
        try (BurstRig rig = new BurstRig(dir, BUILDS)) {
            Map<String, String> s = new HashMap<>(rig.serviceSettings());
            s.put("db.url", "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
            s.put("fedmsg.local-pki-dir", dir.resolve("pki").toString());
            s.put("fedmsg.ca-cert", dir.resolve("pki/ca.crt").toString());
            s.put("fedmsg.crl", dir.resolve("pki/crl.pem").toString());
            s.put("sandbox.port", "0");
            s.put("sandbox.standins-port", "0");
            s.put("sandbox.db-url", "jdbc:h2:mem:sandbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

            ServiceProcess.Result init = ServiceProcess.run(dir, s, "initialize", "--handler", "rpms");
            assertThat(init.exitCode()).as(init.stdout()).isZero();
            int loaded = rig.pdc.count("rpms", Map.of("linked_release", "fedora-28"));
            assertThat(loaded).isGreaterThanOrEqualTo(BUILDS);
            ServiceProcess.Result clean = ServiceProcess.run(dir, s, "audit", "--handler", "rpms");
            assertThat(clean.exitCode()).as(clean.stdout()).isZero();

            ChangeComment byHand = ChangeComment.of("changed by hand in a test");
            JsonNode deleted = row(rig, "burst-0001");
            // PDC never deletes an rpm; what a person can take away is its link to the release.
            rig.pdc.patch("rpms", deleted.get("id").asInt(),
                    BurstRig.JSON.createObjectNode().set("linked_releases", BurstRig.JSON.createArrayNode()), byHand);
            JsonNode changed = row(rig, "burst-0002");
            ObjectNode patch = BurstRig.JSON.createObjectNode().put("version", "9.9");
            rig.pdc.patch("rpms", changed.get("id").asInt(), patch, byHand);
            ObjectNode added = ((ObjectNode) row(rig, "burst-0003").deepCopy());
            added.remove("id");
            added.remove("linked_composes");
            added.put("name", "not-in-koji");
            added.put("srpm_name", "not-in-koji");
            added.put("filename", "not-in-koji-1.0-1.fc28.noarch.rpm");
            rig.pdc.create("rpms", added, byHand);

            ServiceProcess.Result drift = ServiceProcess.run(dir, s, "audit", "--handler", "rpms", "--format", "json");
            assertThat(drift.exitCode()).as(drift.stdout()).isEqualTo(2);
            JsonNode run = BurstRig.JSON.readTree(drift.stdout()).get(0);
            assertThat(run.get("absent_from_pdc").asLong()).isEqualTo(2);
            assertThat(run.get("absent_from_source").asLong()).isEqualTo(2);
            assertThat(run.get("different").asLong()).isZero();
            List<String> keys = new ArrayList<>();
            run.get("first_differences").forEach(d -> keys.add(d.get("kind").asText() + " " + d.get("key").asText()));
            assertThat(keys).hasSize(4).anyMatch(k -> k.startsWith("ABSENT_FROM_PDC") && k.contains("burst-0001-"))
                    .anyMatch(k -> k.startsWith("ABSENT_FROM_PDC") && k.contains("burst-0002-0:1.0-"))
                    .anyMatch(k -> k.startsWith("ABSENT_FROM_SOURCE") && k.contains("burst-0002-0:9.9-"))
                    .anyMatch(k -> k.startsWith("ABSENT_FROM_SOURCE") && k.contains("not-in-koji"));

            ServiceProcess.Result repair = ServiceProcess.run(dir, s, "audit", "--handler", "rpms", "--repair");
            assertThat(repair.exitCode()).as(repair.stdout()).isZero();
            assertThat(repair.stdout()).contains("4 repaired, 0 left");
            ServiceProcess.Result after = ServiceProcess.run(dir, s, "audit", "--handler", "rpms");
            assertThat(after.exitCode()).as(after.stdout()).isZero();

            // Only rpms: the other handlers' sources are not all stand-ins here (composes.root is kojipkgs).
            ServiceProcess.Result again = ServiceProcess.run(dir, s, "initialize", "--handler", "rpms");
            assertThat(again.exitCode()).as(again.stdout()).isZero();
            assertThat(again.stdout()).contains("rpms: already initialized");
            try (var db = Database.open(new DatabaseSettings(s.get("db.url"), "sa", "", "", 2));
                 Connection c = db.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(repaired) FROM audit_run WHERE handler = 'rpms'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(4);
                assertThat(rs.getLong(2)).isEqualTo(4);
            }
        }
    }

    private static JsonNode row(BurstRig rig, String name) {
        List<JsonNode> rows = rig.pdc.list("rpms", Map.of("name", name));
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }
}
