package org.fedoraproject.pdcupdater.handler.depchain;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.fedmsg.EnvelopeParser;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcSettings;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.sandbox.PdcSandbox;
import org.fedoraproject.pdcupdater.sandbox.SandboxSettings;

/**
 * For the Handlers II tests: the real PDC sandbox over HTTP (in memory, seeded with
 * config/sandbox-releases.json), a client on it, and envelopes made from fixture message bodies.
 */
public final class SandboxPdc implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PdcSandbox sandbox;
    private final PdcClient client;
    private final Pdc pdc;

    private SandboxPdc(PdcSandbox sandbox) {
        this.sandbox = sandbox;
        this.client = new PdcClient(PdcSettings.builder(sandbox.apiRoot()).token("handlers-ii-test").build());
        this.pdc = new Pdc(client);
    }

    public static SandboxPdc start() {
        return new SandboxPdc(PdcSandbox.start(SandboxSettings.inMemory("h2-" + UUID.randomUUID())
                .withReleasesFile(Path.of("config/sandbox-releases.json"))));
    }

    public Pdc pdc() {
        return pdc;
    }

    public PdcClient client() {
        return client;
    }

    /** Changesets recorded so far: every successful write makes one, so equal counts mean "nothing written". */
    public int changesets() {
        return client.count("changesets/", Map.of());
    }

    /** An envelope as ingress hands it to a handler, with a fresh msg_id. */
    public static FedmsgEnvelope envelope(String topic, JsonNode msg) {
        ObjectNode tree = JSON.createObjectNode();
        tree.put("topic", topic);
        tree.set("msg", msg.deepCopy());
        tree.put("msg_id", "2026-" + UUID.randomUUID());
        tree.put("i", 1);
        tree.put("timestamp", 1516728000);
        byte[] raw = tree.toString().getBytes(StandardCharsets.UTF_8);
        return new EnvelopeParser().parse(raw);
    }

    @Override
    public void close() {
        client.close();
        sandbox.close();
    }
}
