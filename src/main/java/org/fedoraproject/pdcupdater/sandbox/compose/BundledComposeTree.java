package org.fedoraproject.pdcupdater.sandbox.compose;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The compose tree the embedded stand-in serves by default, laid out like kojipkgs:
 * {@code rawhide/Fedora-24-20151130.n.2/STATUS} ({@code FINISHED}) and {@code .../compose/metadata/} with the
 * compose's real composeinfo.json and images.json (byte copies of the published files, bundled under
 * {@code sandbox/compose/}) and a small generated rpms.json in the published layout (the real one is not public
 * any more), covering every variant and arch of the composeinfo.
 */
public final class BundledComposeTree {

    public static final String BRANCH = "rawhide";
    public static final String COMPOSE_ID = "Fedora-24-20151130.n.2";
    /** Source packages per variant/arch in the bundled rpms.json (3 RPMs each). */
    public static final int PACKAGES_PER_ARCH = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private BundledComposeTree() {
    }

    /** Writes the tree under {@code root} and returns the compose's top directory. */
    public static Path write(Path root) {
        try {
            Path top = root.resolve(BRANCH).resolve(COMPOSE_ID);
            Path metadata = top.resolve("compose").resolve("metadata");
            Files.createDirectories(metadata);
            Files.writeString(top.resolve("STATUS"), "FINISHED\n");
            byte[] composeinfo = resource("composeinfo.json");
            Files.write(metadata.resolve("composeinfo.json"), composeinfo);
            Files.write(metadata.resolve("images.json"), resource("images.json"));
            RpmsManifestWriter.write(metadata.resolve("rpms.json"), specFor(JSON.readTree(composeinfo), PACKAGES_PER_ARCH));
            return top;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bundled compose tree under " + root, e);
        }
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
