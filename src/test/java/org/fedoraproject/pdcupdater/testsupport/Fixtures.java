package org.fedoraproject.pdcupdater.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the shared fixtures in place ({@code ../shared/fixtures}); they are never copied or edited. */
public final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    public static Path root() {
        return Path.of(System.getProperty("shared.dir", "../shared")).resolve("fixtures");
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }

    public static JsonNode json(String relative) {
        try {
            return JSON.readTree(path(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 25 signed production messages of the datagrepper sample page, as datagrepper served them. */
    public static List<JsonNode> datagrepperMessages() {
        List<JsonNode> messages = new ArrayList<>();
        json("datagrepper/sample_datanommer_response.json").path("raw_messages").forEach(messages::add);
        return messages;
    }
}
