package org.fedoraproject.pdcupdater.handler.composes;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcSettings;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.sandbox.PdcSandbox;
import org.fedoraproject.pdcupdater.sandbox.SandboxSettings;
import org.fedoraproject.pdcupdater.sandbox.compose.ComposeTreeStandin;
import org.fedoraproject.pdcupdater.sandbox.standin.StandinServer;
import org.fedoraproject.pdcupdater.source.compose.ComposeMetadataClient;
import org.fedoraproject.pdcupdater.source.compose.LocationRewrite;
import org.fedoraproject.pdcupdater.source.http.HttpClients;
import org.fedoraproject.pdcupdater.source.http.HttpSettings;

/**
 * The real systems a compose import talks to, on loopback: the PDC sandbox (seeded releases) and the compose tree
 * stand-in serving {@code tree} at {@code /compose/}, with kojipkgs' compose URLs rewritten onto it like the embedded
 * default does. No Camel: the handler and importer are built directly.
 */
final class ComposeWorld implements AutoCloseable {

    static final String KOJIPKGS = "http://kojipkgs.fedoraproject.org/compose/";

    final PdcSandbox sandbox;
    final StandinServer standins;
    final PdcClient pdcClient;
    final Pdc pdc;
    final ComposeMetadataClient source;
    final ComposeImporter importer;
    final ComposesHandler handler;

    private ComposeWorld(PdcSandbox sandbox, StandinServer standins, int pdcAttempts) {
        this.sandbox = sandbox;
        this.standins = standins;
        this.pdcClient = new PdcClient(PdcSettings.builder(sandbox.apiRoot()).token("test-token")
                .maxAttempts(pdcAttempts).initialBackoff(Duration.ofMillis(20)).maxBackoff(Duration.ofMillis(50))
                .build());
        this.pdc = new Pdc(pdcClient);
        URI tree = standins.uri(ComposeTreeStandin.PATH);
        HttpClient http = HttpClients.create();
        this.source = new ComposeMetadataClient(http, HttpSettings.of(URI.create(KOJIPKGS))
                .withRetries(2, Duration.ofMillis(10), Duration.ofMillis(20)),
                LocationRewrite.parse(KOJIPKGS + " -> " + tree));
        this.importer = new ComposeImporter(pdc, source, true, Duration.ofMinutes(30));
        this.handler = new ComposesHandler(importer, pdc);
    }

    /** In-memory sandbox: for small composes. */
    static ComposeWorld start(Path tree) {
        return start(tree, SandboxSettings.inMemory("composes-" + UUID.randomUUID()), 3);
    }

    static ComposeWorld start(Path tree, SandboxSettings sandboxSettings, int pdcAttempts) {
        PdcSandbox sandbox = PdcSandbox.start(sandboxSettings.withReleasesFile(Path.of("config/sandbox-releases.json")));
        StandinServer standins = StandinServer.start("127.0.0.1", 0,
                Map.of(ComposeTreeStandin.PATH, new ComposeTreeStandin(tree)));
        return new ComposeWorld(sandbox, standins, pdcAttempts);
    }

    /** A location as Pungi's message gives it (with its double slash). */
    static String location(String branch, String composeId) {
        return "http://kojipkgs.fedoraproject.org/compose//" + branch + "/" + composeId + "/compose";
    }

    int count(String resource, Map<String, ?> filter) {
        return pdcClient.count(resource, filter);
    }

    JsonNode get(String resource, String key) {
        return pdcClient.get(resource, key);
    }

    @Override
    public void close() {
        pdcClient.close();
        standins.close();
        sandbox.close();
    }
}
