package org.fedoraproject.pdcupdater.publish;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads message files: one envelope ({@code topic} + {@code msg}, like the fixture files), a JSON
 * array of envelopes, or a datagrepper page ({@code raw_messages}).
 */
public final class MessageFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MessageFiles() {
    }

    public static List<ObjectNode> read(InputStream in, String name) throws IOException {
        JsonNode root = JSON.readTree(in);
        List<ObjectNode> envelopes = new ArrayList<>();
        if (root != null && root.isObject() && root.has("raw_messages")) {
            root.get("raw_messages").forEach(m -> envelopes.add(envelope(m, name)));
        } else if (root != null && root.isArray()) {
            root.forEach(m -> envelopes.add(envelope(m, name)));
        } else {
            envelopes.add(envelope(root, name));
        }
        return envelopes;
    }

    private static ObjectNode envelope(JsonNode node, String name) {
        if (node == null || !node.isObject() || !node.path("topic").isTextual() || !node.path("msg").isObject()) {
            throw new IllegalArgumentException(name + ": not a fedmsg envelope (needs a topic and a msg object)");
        }
        return (ObjectNode) node;
    }
}
