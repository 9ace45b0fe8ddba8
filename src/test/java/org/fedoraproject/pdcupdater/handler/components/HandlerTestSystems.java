package org.fedoraproject.pdcupdater.handler.components;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.fedmsg.EnvelopeParser;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.ReleaseMapping;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcSettings;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.sandbox.PdcSandbox;
import org.fedoraproject.pdcupdater.sandbox.SandboxSettings;
import org.fedoraproject.pdcupdater.sandbox.standin.StandinServer;
import org.fedoraproject.pdcupdater.sandbox.standin.StandinSet;
import org.fedoraproject.pdcupdater.source.fas.FasClient;
import org.fedoraproject.pdcupdater.source.fas.FasCredentials;
import org.fedoraproject.pdcupdater.source.http.HttpClients;
import org.fedoraproject.pdcupdater.source.http.HttpSettings;
import org.fedoraproject.pdcupdater.source.pkgdb.PkgdbClient;
import org.fedoraproject.pdcupdater.testsupport.Fixtures;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a handler test runs against, all real and over HTTP: an in-memory PDC sandbox seeded with the repository's
 * releases, and the bundled FAS/pkgdb stand-ins (which a test may change programmatically). Handlers are built
 * directly on the clients, without Camel.
 */
public final class HandlerTestSystems implements AutoCloseable {

    public static final Path RELEASES = Path.of("config/sandbox-releases.json");
    public static final Path RELEASE_MAPPING = Path.of("config/release-mapping.properties");

    private final PdcSandbox sandbox;
    private final StandinSet standins;
    private final StandinServer server;
    private final Pdc pdc;
    private final HttpClient http = HttpClients.create();

    private HandlerTestSystems(StandinSet standins) {
        this.sandbox = PdcSandbox.start(SandboxSettings.inMemory("h" + UUID.randomUUID()).withReleasesFile(RELEASES));
        this.standins = standins;
        this.server = StandinServer.start("127.0.0.1", 0, standins.handlers());
        // Small chunks, so the tests also cover bulk writes split over several requests.
        this.pdc = new Pdc(new PdcClient(PdcSettings.builder(sandbox.apiRoot()).token("test-token")
                .bulkChunkSize(3).build()));
    }

    /** The bundled stand-in data (consistent with the shared fixture messages). */
    public static HandlerTestSystems start() {
        return new HandlerTestSystems(StandinSet.bundled());
    }

    public Pdc pdc() {
        return pdc;
    }

    public PdcClient client() {
        return pdc.client();
    }

    public StandinSet standins() {
        return standins;
    }

    public FasClient fasClient() {
        return new FasClient(http, HttpSettings.of(server.uri(StandinSet.FAS_PATH)),
                new FasCredentials("pdc-updater", "sandbox"));
    }

    public PkgdbClient pkgdbClient() {
        return new PkgdbClient(http, HttpSettings.of(server.uri(StandinSet.PKGDB_PATH)));
    }

    public ReleaseMapping releaseMapping() {
        return ReleaseMapping.load(RELEASE_MAPPING);
    }

    /** Every object of a PDC list, read over HTTP. */
    public List<JsonNode> rows(String resource, Map<String, ?> filter) {
        return client().list(resource, filter);
    }

    public int changesets() {
        return client().count("changesets", Map.of());
    }

    /** A fixture message as the ingress hands it over; upstream test messages without a msg_id get one. */
    public static FedmsgEnvelope fixture(String file) {
        ObjectNode tree = (ObjectNode) Fixtures.json("fedmsg/" + file);
        if (!tree.hasNonNull("msg_id")) {
            tree.put("msg_id", "fixture-" + file);
        }
        return envelope(tree);
    }

    /** A message with the given topic and body. */
    public static FedmsgEnvelope message(String topic, JsonNode msg) {
        ObjectNode tree = EnvelopeParser.mapper().createObjectNode();
        tree.put("topic", topic);
        tree.put("msg_id", "test-" + UUID.randomUUID());
        tree.put("i", 1);
        tree.set("msg", msg.deepCopy());
        return envelope(tree);
    }

    private static FedmsgEnvelope envelope(ObjectNode tree) {
        return new EnvelopeParser().fromTree(tree, tree.toString().getBytes(StandardCharsets.UTF_8), null);
    }

    @Override
    public void close() {
        pdc.client().close();
        server.close();
        sandbox.close();
    }
}
