package org.fedoraproject.pdcupdater.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.handler.composes.ForkedImports;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcSettings;
import org.fedoraproject.pdcupdater.sandbox.PdcSandbox;
import org.fedoraproject.pdcupdater.sandbox.SandboxSettings;
import org.fedoraproject.pdcupdater.sandbox.compose.BundledComposeTree;
import org.fedoraproject.pdcupdater.sandbox.compose.ComposeTreeStandin;
import org.fedoraproject.pdcupdater.sandbox.compose.RpmsManifestWriter;
import org.fedoraproject.pdcupdater.sandbox.resources.SandboxStorageFloor;
import org.fedoraproject.pdcupdater.sandbox.standin.StandinServer;
import org.fedoraproject.pdcupdater.testsupport.ProcessCpu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test of speed (it prints, and asserts only that the import is complete): a generated rpms.json
 * in the published layout (default 500 MB, about 1.5 million RPM entries) served by the compose stand-in over local
 * HTTP and imported into the PDC sandbox (file database, in this JVM) by the service's importer in a JVM of its own.
 * Reports MB/s, the importer's peak heap and peak RSS (VmHWM), and the ratio to downloading the same file to disk
 * in the same run, and the same for the service's own path alone: the import into a PDC that drops the bodies
 * ({@link ConsumingPdc}), so download, validation and chunked upload without the sandbox's database; and last, what
 * storing the manifest's rows costs the sandbox's database alone ({@link SandboxStorageFloor}), the bound on the ratio
 * into the sandbox.
 *
 * <pre>mvn -B -Pbench test -Dtest=ComposeImportBench [-Dbench.size.mb=500] [-Dbench.xmx=128m] [-Dbench.own-only=true]
 *     [-Dbench.db.options=;SETTING=value] [-Dbench.fork.opts="-XX:StartFlightRecording=filename=/tmp/{run}.jfr"]</pre>
 */
class ComposeImportBench {

    @TempDir
    Path dir;

    @Test
    void importRpmsJson() throws Exception {
        long sizeMb = Long.getLong("bench.size.mb", 500);
        String xmx = System.getProperty("bench.xmx", "128m");
        Path tree = dir.resolve("tree");
        long t0 = System.nanoTime();
        RpmsManifestWriter.Spec spec = ForkedImports.bigTree(tree, sizeMb * 1_000_000);
        Path manifest = tree.resolve("rawhide").resolve(BundledComposeTree.COMPOSE_ID).resolve("compose/metadata/rpms.json");
        long bytes = Files.size(manifest);
        System.out.printf("BENCH generated %s: %.1f MB, %d rpm entries (%d packages x %d variant/arches) in %.1f s%n",
                manifest.getFileName(), bytes / 1e6, spec.rpmEntries(), spec.packagesPerArch(),
                spec.variantArches().values().stream().mapToInt(java.util.List::size).sum(),
                (System.nanoTime() - t0) / 1e9);

        SandboxSettings settings = new SandboxSettings("127.0.0.1", 0, "jdbc:h2:file:" + dir.resolve("pdc")
                        + System.getProperty("bench.db.options", ""), null,
                Path.of("config/sandbox-releases.json"), false);
        try (PdcSandbox sandbox = PdcSandbox.start(settings);
             StandinServer standins = StandinServer.start("127.0.0.1", 0,
                     Map.of(ComposeTreeStandin.PATH, new ComposeTreeStandin(tree)));
             PdcClient pdc = new PdcClient(PdcSettings.builder(sandbox.apiRoot()).token("bench").build())) {
            String location = "http://kojipkgs.fedoraproject.org/compose//rawhide/" + BundledComposeTree.COMPOSE_ID
                    + "/compose";
            String url = standins.uri(ComposeTreeStandin.PATH) + "rawhide/" + BundledComposeTree.COMPOSE_ID
                    + "/compose/metadata/rpms.json";

            JsonNode download = ForkedImports.run(xmx, dir.resolve("download.log"), "download", url,
                    dir.resolve("downloaded.json").toString());
            assertThat(download.path("ok").asBoolean()).as(download.toString()).isTrue();
            Files.deleteIfExists(dir.resolve("downloaded.json"));

            // The service's own side first, while the sandbox has no trace of the compose: the same import into a
            // PDC that reads the import bodies and drops them (everything else goes to the sandbox).
            JsonNode own;
            long consumed;
            try (ConsumingPdc sink = ConsumingPdc.inFrontOf(sandbox.apiRoot())) {
                own = ForkedImports.run(xmx, dir.resolve("own.log"), "import", sink.apiRoot().toString(), location,
                        "http://kojipkgs.fedoraproject.org/compose/ -> " + standins.uri(ComposeTreeStandin.PATH));
                consumed = sink.consumedBytes();
            }
            assertThat(own.path("ok").asBoolean()).as(own + "\n" + ForkedImports.tail(dir.resolve("own.log"))).isTrue();
            assertThat(consumed).isPositive();
            double dl = download.path("seconds").asDouble();
            double ow = own.path("seconds").asDouble();
            System.out.printf("BENCH load average at the end: %.2f (%d cores)%n",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("BENCH download to disk: %.1f s, %.1f MB/s, JVM CPU %.1f s (start-up included); heap "
                            + "live peak after GC %.1f MB, sampled peak %.1f MB; peak RSS %.1f MB%n", dl, bytes / 1e6 / dl,
                    download.path("cpuSeconds").asDouble(), mb(download, "peakHeapAfterGcBytes"),
                    mb(download, "peakHeapSampledBytes"), download.path("vmHwmKb").asLong() / 1024.0);
            System.out.printf("BENCH service's own path (download + validate + chunked upload to a PDC that drops the "
                            + "body, %.1f MB sent): %.1f s, %.1f MB/s, of which streaming the manifest %.1f s (the rest: "
                            + "start-up and PDC look-ups); importer JVM CPU %.1f s (%.0f MB per CPU second, "
                            + "start-up included); heap live peak after GC %.1f MB (%d GCs), sampled peak %.1f MB; peak "
                            + "RSS %.1f MB%n", consumed / 1e6, ow, bytes / 1e6 / ow, own.path("uploadSeconds").asDouble(),
                    own.path("cpuSeconds").asDouble(),
                    bytes / 1e6 / own.path("cpuSeconds").asDouble(),
                    mb(own, "peakHeapAfterGcBytes"), own.path("gcCount").asLong(), mb(own, "peakHeapSampledBytes"),
                    own.path("vmHwmKb").asLong() / 1024.0);
            System.out.printf("BENCH throughput ratio to the download (download s / import s, 1.0 = as fast): "
                    + "service's own path %.2f%n", dl / ow);
            if (Boolean.getBoolean("bench.own-only")) {
                return; // -Dbench.own-only=true: the service's side alone, for profiling it
            }

            // The sandbox runs in this JVM: its CPU time during the import is the sandbox's cost, which wall time on
            // a shared machine hides.
            long cpu0 = ProcessCpu.nanos();
            JsonNode imported = ForkedImports.run(xmx, dir.resolve("import.log"), "import",
                    sandbox.apiRoot().toString(), location,
                    "http://kojipkgs.fedoraproject.org/compose/ -> " + standins.uri(ComposeTreeStandin.PATH));
            double sandboxCpu = (ProcessCpu.nanos() - cpu0) / 1e9;
            assertThat(imported.path("ok").asBoolean()).as(imported + "\n"
                    + ForkedImports.tail(dir.resolve("import.log"))).isTrue();
            assertThat(imported.path("rpms").asLong()).isEqualTo(spec.rpmEntries());
            assertThat(pdc.count("rpms", Map.of("compose", BundledComposeTree.COMPOSE_ID)))
                    .isEqualTo((int) ForkedImports.distinctRpms(spec));

            double im = imported.path("seconds").asDouble();
            System.out.printf("BENCH size: %.1f MB rpms.json, %d rpm entries; importer and downloader JVMs -Xmx%s%n",
                    bytes / 1e6, spec.rpmEntries(), xmx);
            double up = imported.path("uploadSeconds").asDouble();
            System.out.printf("BENCH import: %.1f s in all, %.1f MB/s, %.0f rpm entries/s; of which streaming the "
                            + "manifest to PDC %.1f s (%.1f MB/s) and the PDC sandbox's import after the last byte "
                            + "%.1f s; importer JVM CPU %.1f s; heap live peak after GC %.1f MB (%d GCs), sampled peak "
                            + "%.1f MB; peak RSS %.1f MB%n",
                    im, bytes / 1e6 / im, spec.rpmEntries() / im, up, bytes / 1e6 / up,
                    imported.path("pdcSeconds").asDouble(), imported.path("cpuSeconds").asDouble(),
                    mb(imported, "peakHeapAfterGcBytes"),
                    imported.path("gcCount").asLong(), mb(imported, "peakHeapSampledBytes"),
                    imported.path("vmHwmKb").asLong() / 1024.0);
            System.out.printf("BENCH PDC sandbox JVM CPU during the import: %.1f s (%.0f rpm entries per CPU second)%n",
                    sandboxCpu, spec.rpmEntries() / sandboxCpu);
            System.out.printf("BENCH throughput ratio to the download (download s / import s, 1.0 = as fast): "
                    + "service's own path %.2f, into the PDC sandbox %.2f%n", dl / ow, dl / im);
            System.out.printf("BENCH ratio import / download: %.1f in all, %.1f for the streaming part%n", im / dl,
                    up / dl);

            // What storing the rows alone costs the sandbox's database, whoever sends them: the bound on the ratio.
            SandboxStorageFloor.Result floor = SandboxStorageFloor.measure("jdbc:h2:file:" + dir.resolve("floor")
                    + System.getProperty("bench.db.options", ""), spec);
            assertThat(floor.rpms()).isEqualTo(ForkedImports.distinctRpms(spec));
            assertThat(floor.links()).isEqualTo(spec.rpmEntries());
            System.out.printf("BENCH the sandbox's storage alone (%d rpms and %d compose-rpms rows by batched JDBC "
                            + "into an empty sandbox database, no HTTP, no JSON, no look-ups): %.1f s, CPU %.1f s; the "
                            + "best ratio any importer can reach into this sandbox: %.2f%n", floor.rpms(), floor.links(),
                    floor.seconds(), floor.cpuSeconds(), dl / floor.seconds());
        }
    }


    private static double mb(JsonNode result, String field) {
        return result.path(field).asLong() / 1e6;
    }
}
