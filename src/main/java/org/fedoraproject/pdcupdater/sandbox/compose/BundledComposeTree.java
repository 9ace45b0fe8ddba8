package org.fedoraproject.pdcupdater.sandbox.compose;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The compose tree the embedded stand-in serves by default, laid out like kojipkgs:
 * {@code rawhide/Fedora-24-20151130.n.2/STATUS} ({@code FINISHED}) and {@code .../compose/metadata/} with the
 * compose's real composeinfo.json and images.json (byte copies of the published files, bundled under
 * {@code sandbox/compose/}) and a small generated rpms.json in the published layout (the real one is not public
 * any more), covering every variant and arch of the composeinfo.
 *
 * <p>Beside it, {@code rawhide/Fedora-24-20151208.n.7/}: the compose the bundled {@code pungi.compose.status.change}
 * fixture messages name, whose metadata was never published. It is the same compose moved to that identity: the
 * fixture files with the compose id (also in image file names) and date replaced and respin 7, so the embedded demo's
 * compose message imports instead of dead-lettering; the image checksums are the fixture's.
 */
public final class BundledComposeTree {

    public static final String BRANCH = "rawhide";
    public static final String COMPOSE_ID = "Fedora-24-20151130.n.2";
    /** The compose of the bundled pungi.compose.status.change messages. */
    public static final String MESSAGE_COMPOSE_ID = "Fedora-24-20151208.n.7";
    private static final String MESSAGE_COMPOSE_DATE = "20151208";
    private static final int MESSAGE_COMPOSE_RESPIN = 7;
    /** Source packages per variant/arch in the bundled rpms.json (3 RPMs each). */
    public static final int PACKAGES_PER_ARCH = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private BundledComposeTree() {
    }

    /** Writes the tree (both composes) under {@code root} and returns the fixture compose's top directory. */
    public static Path write(Path root) {
        try {
            Path top = writeCompose(root, COMPOSE_ID, resource("composeinfo.json"), resource("images.json"));
            writeCompose(root, MESSAGE_COMPOSE_ID, moved(resource("composeinfo.json")), moved(resource("images.json")));
            return top;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bundled compose tree under " + root, e);
        }
    }

    private static Path writeCompose(Path root, String composeId, byte[] composeinfo, byte[] images) throws IOException {
        Path top = root.resolve(BRANCH).resolve(composeId);
        Path metadata = top.resolve("compose").resolve("metadata");
        Files.createDirectories(metadata);
        Files.writeString(top.resolve("STATUS"), "FINISHED\n");
        Files.write(metadata.resolve("composeinfo.json"), composeinfo);
        Files.write(metadata.resolve("images.json"), images);
        RpmsManifestWriter.write(metadata.resolve("rpms.json"), specFor(JSON.readTree(composeinfo), PACKAGES_PER_ARCH));
        return top;
    }

    /** A fixture document moved to the message's compose: id everywhere, then payload.compose's date and respin. */
    static byte[] moved(byte[] fixture) throws IOException {
        String text = new String(fixture, StandardCharsets.UTF_8).replace(COMPOSE_ID, MESSAGE_COMPOSE_ID);
        ObjectNode doc = (ObjectNode) JSON.readTree(text);
        ObjectNode compose = (ObjectNode) doc.path("payload").path("compose");
        compose.put("date", MESSAGE_COMPOSE_DATE);
        compose.put("respin", MESSAGE_COMPOSE_RESPIN);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
    }

    /** The manifest spec matching a composeinfo: its compose identity and every variant's arches. */
    public static RpmsManifestWriter.Spec specFor(JsonNode composeinfo, int packagesPerArch) {
        JsonNode compose = composeinfo.path("payload").path("compose");
        Map<String, List<String>> variantArches = new LinkedHashMap<>();
        composeinfo.path("payload").path("variants").fields().forEachRemaining(v -> {
            List<String> arches = new java.util.ArrayList<>();
            v.getValue().path("arches").forEach(a -> arches.add(a.asText()));
            variantArches.put(v.getValue().path("uid").asText(v.getKey()), arches);
        });
        return new RpmsManifestWriter.Spec(compose.path("id").asText(), compose.path("date").asText(),
                compose.path("respin").asInt(), compose.path("type").asText(), variantArches, packagesPerArch);
    }

    /** The bundled composeinfo.json or images.json. */
    public static byte[] resource(String name) {
        try (InputStream in = BundledComposeTree.class.getResourceAsStream("/sandbox/compose/" + name)) {
            if (in == null) {
                throw new IllegalStateException("bundled compose file missing: sandbox/compose/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh temporary copy of the tree, deleted when the JVM exits. */
    static Path temporary() {
        try {
            Path root = Files.createTempDirectory("pdc-updater-composes");
            write(root);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(root), "compose-tree-cleanup"));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the bundled compose tree", e);
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
