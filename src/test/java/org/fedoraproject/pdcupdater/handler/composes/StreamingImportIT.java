package org.fedoraproject.pdcupdater.handler.composes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.sandbox.SandboxSettings;
import org.fedoraproject.pdcupdater.sandbox.compose.BundledComposeTree;
import org.fedoraproject.pdcupdater.sandbox.compose.ComposeTreeStandin;
import org.fedoraproject.pdcupdater.sandbox.compose.RpmsManifestWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rawhide-sized rpms.json (at least 150 MB, the published layout) imports through the service's importer running
 * in its own JVM with a 128 MB heap: the manifest is streamed from the compose stand-in to the PDC sandbox, never
 * held. The sandbox (file database) runs in this JVM. Numbers are printed, not asserted.
 */
class StreamingImportIT {

    private static final long SIZE = 150L * 1024 * 1024 + 1;

    @TempDir
    Path dir;

    @Test
    void aManifestOf150MbImportsWithA128MbHeap() throws Exception {
        Path tree = dir.resolve("tree");
        RpmsManifestWriter.Spec spec = ForkedImports.bigTree(tree, SIZE);
        Path manifest = tree.resolve("rawhide").resolve(BundledComposeTree.COMPOSE_ID).resolve("compose/metadata/rpms.json");
        long bytes = Files.size(manifest);
        assertThat(bytes).isGreaterThanOrEqualTo(150L * 1024 * 1024);

        SandboxSettings pdcSettings = new SandboxSettings("127.0.0.1", 0, "jdbc:h2:file:" + dir.resolve("pdc"), null,
                null, false);
        try (ComposeWorld world = ComposeWorld.start(tree, pdcSettings, 3)) {
            Path log = dir.resolve("forked.log");
            JsonNode result = ForkedImports.run("128m", log, "import", world.sandbox.apiRoot().toString(),
                    ComposeWorld.location("rawhide", BundledComposeTree.COMPOSE_ID),
                    ComposeWorld.KOJIPKGS + " -> " + world.standins.uri(ComposeTreeStandin.PATH));

            assertThat(result.path("ok").asBoolean()).as(result + "\n" + ForkedImports.tail(log)).isTrue();
            assertThat(result.path("rpms").asLong()).isEqualTo(spec.rpmEntries());
            assertThat(result.path("bytes").asLong()).isEqualTo(bytes);
            String id = BundledComposeTree.COMPOSE_ID;
            assertThat(world.count("rpms", Map.of("compose", id))).isEqualTo((int) ForkedImports.distinctRpms(spec));
            assertThat(world.count("images", Map.of("compose", id))).isEqualTo(11);
            System.out.printf("STREAMING IT: %.1f MB rpms.json, %d rpm entries imported with -Xmx128m in %.1f s "
                            + "(upload streamed in %.1f s = %.1f MB/s, then PDC sandbox %.1f s); importer heap: live "
                            + "peak after GC %.1f MB, sampled peak %.1f MB; peak RSS %.1f MB%n", bytes / 1e6,
                    spec.rpmEntries(), result.path("seconds").asDouble(), result.path("uploadSeconds").asDouble(),
                    bytes / 1e6 / result.path("uploadSeconds").asDouble(), result.path("pdcSeconds").asDouble(),
                    result.path("peakHeapAfterGcBytes").asLong() / 1e6,
                    result.path("peakHeapSampledBytes").asLong() / 1e6, result.path("vmHwmKb").asLong() / 1024.0);
        }
    }
}
