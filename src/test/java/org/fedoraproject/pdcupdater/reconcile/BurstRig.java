package org.fedoraproject.pdcupdater.reconcile;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcSettings;
import org.fedoraproject.pdcupdater.sandbox.PdcSandbox;
import org.fedoraproject.pdcupdater.sandbox.SandboxSettings;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiData;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiStandin;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiStandinServer;
import org.fedoraproject.pdcupdater.sandbox.koji.StandinBuild;
import org.fedoraproject.pdcupdater.sandbox.koji.StandinRpm;
import org.fedoraproject.pdcupdater.testsupport.TestService;

/**
 * What the fault tests run against, none of it owned by the service: a PDC sandbox on a fixed
 * port with a file database (so it can be stopped and started again with its data), and a Koji
 * stand-in that knows {@code builds} extra builds {@code burst-NNNN-1.0-1.fc28}, each with one
 * noarch rpm and tagged into f28. A buildsys.tag message of each is real work for the rpms handler.
 */
final class BurstRig implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "fault-test-token";
    static final Path RELEASES = Path.of("config/sandbox-releases.json");

    private final SandboxSettings sandboxSettings;
    private PdcSandbox sandbox;
    final KojiStandinServer koji;
    final List<StandinBuild> builds = new ArrayList<>();
    final PdcClient pdc;

    BurstRig(Path dir, int buildCount) {
        sandboxSettings = new SandboxSettings("127.0.0.1", TestService.freePort(),
                "jdbc:h2:file:" + dir.resolve("pdc") + ";DB_CLOSE_ON_EXIT=FALSE", TOKEN, RELEASES, false);
        sandbox = PdcSandbox.start(sandboxSettings);
        KojiData data = KojiData.bundled();
        for (int i = 0; i < buildCount; i++) {
            String name = String.format("burst-%04d", i);
            StandinBuild build = data.addBuild(StandinBuild.complete(data.nextBuildId(), name, "1.0", "1.fc28", "tester"));
            data.addRpm(StandinRpm.of(data.nextRpmId(), build, name, "noarch"));
            data.tagBuild("f28", build.id());
            builds.add(build);
        }
        koji = KojiStandin.start("127.0.0.1", 0, data);
        pdc = new PdcClient(PdcSettings.builder(sandbox.apiRoot()).token(TOKEN).maxAttempts(2).build());
    }

    String pdcUrl() {
        return sandbox.apiRoot().toString();
    }

    void stopPdc() {
        sandbox.close();
        sandbox = null;
    }

    void startPdc() {
        sandbox = PdcSandbox.start(sandboxSettings);
    }

    /** The service settings that point it at this rig instead of its embedded systems. */
    Map<String, String> serviceSettings() {
        return Map.of("pdc.url", pdcUrl(), "pdc.token", TOKEN, "koji.url", koji.uri().toString(),
                "rpms.tags", "f28");
    }

    /** The msg of a buildsys.tag of build {@code i} into {@code tag}. */
    ObjectNode tagMsg(int i, String tag) {
        StandinBuild b = builds.get(i);
        ObjectNode msg = JSON.createObjectNode();
        msg.put("build_id", b.id());
        msg.put("instance", "primary");
        msg.put("name", b.name());
        msg.put("version", b.version());
        msg.put("release", b.release());
        msg.put("tag", tag);
        msg.put("owner", "tester");
        msg.put("user", "tester");
        return msg;
    }

    /** Every rpms row as NEVRA plus linked releases: the state two runs must agree on. */
    TreeSet<String> rpmState() {
        TreeSet<String> state = new TreeSet<>();
        for (JsonNode row : pdc.list("rpms", Map.of())) {
            state.add(row.path("name").asText() + "-" + row.path("epoch").asInt() + ":" + row.path("version").asText()
                    + "-" + row.path("release").asText() + "." + row.path("arch").asText() + " "
                    + row.path("linked_releases"));
        }
        return state;
    }

    int burstRows() {
        int n = 0;
        for (JsonNode row : pdc.list("rpms", Map.of())) {
            if (row.path("name").asText().startsWith("burst-")) {
                n++;
            }
        }
        return n;
    }

    static long count(DataSource db, String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        pdc.close();
        koji.close();
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
