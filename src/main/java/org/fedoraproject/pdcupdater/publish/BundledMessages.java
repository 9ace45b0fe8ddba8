package org.fedoraproject.pdcupdater.publish;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The real fixture messages bundled in the jar under {@code embedded-messages/}, listed in
 * {@code index.txt} in the order they are published (a jar's folder cannot be listed portably).
 */
public final class BundledMessages {

    static final String FOLDER = "embedded-messages/";

    private BundledMessages() {
    }

    /** File name → envelope, in publishing order. */
    public static List<Map.Entry<String, ObjectNode>> load() {
        List<Map.Entry<String, ObjectNode>> messages = new ArrayList<>();
        for (String file : index()) {
            try (InputStream in = resource(FOLDER + file)) {
                for (ObjectNode envelope : MessageFiles.read(in, file)) {
                    messages.add(Map.entry(file, envelope));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read bundled message " + file, e);
            }
        }
        return messages;
    }

    private static List<String> index() {
        List<String> files = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(resource(FOLDER + "index.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    files.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FOLDER + "index.txt", e);
        }
        return files;
    }

    private static InputStream resource(String path) {
        InputStream in = BundledMessages.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing resource " + path);
        }
        return in;
    }

    /** A msg_id for a bundled file without one: stable, so a second start's replay is a duplicate. */
    public static String stableId(String file) {
        return "embedded-" + file.replaceFirst("\\.json$", "");
    }
}
