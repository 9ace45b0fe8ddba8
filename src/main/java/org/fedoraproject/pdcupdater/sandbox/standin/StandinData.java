package org.fedoraproject.pdcupdater.sandbox.standin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds a stand-in's data file: in a directory given at start when it has one, else the bundled
 * copy under {@code sandbox/standin/} on the classpath.
 */
public final class StandinData {

    public static final String CLASSPATH_DIR = "sandbox/standin/";

    private StandinData() {
    }

    public static JsonNode load(String fileName, Path directory) {
        try {
            if (directory != null) {
                Path file = directory.resolve(fileName);
                if (Files.isRegularFile(file)) {
                    return StandinExchange.JSON.readTree(file.toFile());
                }
            }
            try (InputStream in = StandinData.class.getClassLoader().getResourceAsStream(CLASSPATH_DIR + fileName)) {
                if (in == null) {
                    throw new IllegalStateException("no stand-in data " + CLASSPATH_DIR + fileName + " on the classpath");
                }
                return StandinExchange.JSON.readTree(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stand-in data " + fileName, e);
        }
    }
}
