package org.fedoraproject.pdcupdater.fedmsg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Read-only access to the shared fixtures (system property {@code shared.dir}, else {@code ../shared}). */
final class Fixtures {

    private static List<ObjectNode> rawMessages;

    private Fixtures() {
    }

    static Path sharedDir() {
        return Path.of(System.getProperty("shared.dir", "../shared"));
    }

    static Path fixture(String relative) {
        return sharedDir().resolve("fixtures").resolve(relative);
    }

    /** The 25 signed production messages of {@code datagrepper/sample_datanommer_response.json}. */
    static synchronized List<ObjectNode> datagrepperRawMessages() {
        if (rawMessages == null) {
            try {
                JsonNode root = EnvelopeParser.mapper().readTree(
                        Files.readAllBytes(fixture("datagrepper/sample_datanommer_response.json")));
                List<ObjectNode> out = new ArrayList<>();
                for (JsonNode m : root.get("raw_messages")) {
                    out.add((ObjectNode) m);
                }
                rawMessages = List.copyOf(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // callers may mutate their copy
        List<ObjectNode> copies = new ArrayList<>();
        for (ObjectNode m : rawMessages) {
            copies.add(m.deepCopy());
        }
        return copies;
    }

    /** Re-serialises a tree (as datagrepper would send it) and parses it as an envelope. */
    static FedmsgEnvelope envelope(ObjectNode tree) {
        try {
            return new EnvelopeParser().parse(EnvelopeParser.mapper().writeValueAsBytes(tree));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
