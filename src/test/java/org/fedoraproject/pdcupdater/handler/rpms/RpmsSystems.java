package org.fedoraproject.pdcupdater.handler.rpms;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.fedoraproject.pdcupdater.fedmsg.EnvelopeParser;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.ReleaseMapping;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcSettings;
import org.fedoraproject.pdcupdater.sandbox.PdcSandbox;
import org.fedoraproject.pdcupdater.sandbox.SandboxSettings;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiData;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiStandin;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiStandinServer;
import org.fedoraproject.pdcupdater.source.koji.KojiBuildContents;
import org.fedoraproject.pdcupdater.source.koji.KojiClient;
import org.fedoraproject.pdcupdater.testsupport.Fixtures;

/**
 * A real PDC sandbox (in memory, seeded with the service's releases) and the Koji stand-in with its bundled data,
 * over HTTP, with the real clients pointed at them: what the rpms handler tests run against.
 */
final class RpmsSystems implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path RELEASES = Path.of("config/sandbox-releases.json");
    static final ReleaseMapping MAPPING = ReleaseMapping.load(Path.of("config/release-mapping.properties"));

    final PdcSandbox sandbox;
    final KojiStandinServer koji;
    final PdcClient pdc;
    final KojiClient kojiClient;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    RpmsSystems() {
        sandbox = PdcSandbox.start(SandboxSettings.inMemory("rpms-" + UUID.randomUUID()).withReleasesFile(RELEASES));
        koji = KojiStandin.start("127.0.0.1", 0, KojiData.bundled());
        pdc = new PdcClient(PdcSettings.builder(sandbox.apiRoot()).token("test-token").build());
        kojiClient = new KojiClient(koji.uri());
    }

    RpmsHandler handler(String... tags) {
        return new RpmsHandler(pdc, kojiClient, new KojiBuildContents(kojiClient, 100_000, Duration.ofMinutes(10)),
                MAPPING, List.of(tags), 500, registry);
    }

    /** A fixture message as the ingress hands it over. */
    static FedmsgEnvelope fixture(String name) {
        return new EnvelopeParser().parse(Fixtures.bytes("fedmsg/" + name));
    }

    /** A copy of a fixture message changed by {@code edit} (on its {@code msg}), with a fresh msg_id. */
    static FedmsgEnvelope edited(String name, java.util.function.Consumer<ObjectNode> edit) {
        ObjectNode tree = (ObjectNode) Fixtures.json("fedmsg/" + name);
        edit.accept((ObjectNode) tree.get("msg"));
        tree.put("msg_id", "2026-" + UUID.randomUUID());
        try {
            return new EnvelopeParser().parse(JSON.writeValueAsBytes(tree));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every rpms/ row, without its id, sorted by NEVRA: the state to compare. */
    List<JsonNode> rows() {
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode row : pdc.list("rpms", Map.of())) {
            ObjectNode copy = row.deepCopy();
            copy.remove("id");
            rows.add(copy);
        }
        rows.sort(Comparator.comparing(RpmsSystems::nevra));
        return rows;
    }

    List<JsonNode> rowsLinkedTo(String release) {
        return pdc.list("rpms", Map.of("linked_release", release));
    }

    static String nevra(JsonNode row) {
        return row.path("name").asText() + "-" + row.path("epoch").asInt() + ":" + row.path("version").asText() + "-"
                + row.path("release").asText() + "." + row.path("arch").asText();
    }

    int changesets() {
        return pdc.count("changesets", Map.of());
    }

    double counter(String name, String... tags) {
        var c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Override
    public void close() {
        pdc.close();
        koji.close();
        sandbox.close();
    }
}
