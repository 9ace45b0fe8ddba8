package org.fedoraproject.pdcupdater.fedmsg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared fixtures as the verifier tests need them: parsed with the fedmsg parser (Python's
 * JSON rules) and handed out as copies the tests may change.
 */
final class Fixtures {

    private static List<ObjectNode> rawMessages;

    private Fixtures() {
    }

    static Path fixture(String relative) {
        return org.fedoraproject.pdcupdater.testsupport.Fixtures.path(relative);
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
