package org.fedoraproject.pdcupdater.handler.composes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fedoraproject.pdcupdater.sandbox.compose.BundledComposeTree;
import org.fedoraproject.pdcupdater.sandbox.compose.RpmsManifestWriter;

/** Shared by the streaming IT and the benchmark: big compose trees and {@link ForkedComposeImport} runs. */
public final class ForkedImports {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ForkedImports() {
    }

    /**
     * The bundled compose tree under {@code root} with an rpms.json of about {@code bytes}.
     *
     * @return the manifest's spec (its package count tells what PDC must end up with)
     */
    public static RpmsManifestWriter.Spec bigTree(Path root, long bytes) {
        Path top = BundledComposeTree.write(root);
        Path metadata = top.resolve("compose/metadata");
        try {
            JsonNode composeinfo = JSON.readTree(metadata.resolve("composeinfo.json").toFile());
            RpmsManifestWriter.Spec spec = BundledComposeTree.specFor(composeinfo, 1);
            spec = spec.withPackagesPerArch(RpmsManifestWriter.packagesForSize(spec, bytes));
            RpmsManifestWriter.write(metadata.resolve("rpms.json"), spec);
            return spec;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Distinct RPMs the bundled layout gives: per rpm arch a binary and a debuginfo per package, plus the sources. */
    public static long distinctRpms(RpmsManifestWriter.Spec spec) {
        long arches = spec.variantArches().values().stream().flatMap(List::stream).distinct().count();
        return arches * 2L * spec.packagesPerArch() + spec.packagesPerArch();
    }

    /** Runs {@link ForkedComposeImport} with {@code args} in {@code java -Xmx<xmx>}; returns its RESULT object. */
    public static JsonNode run(String xmx, Path log, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + xmx));
        // Extra options for the forked JVM, e.g. a profiler: -XX:StartFlightRecording=filename=/tmp/{run}.jfr, where
        // {run} is the name of the run's log without ".log".
        String extra = System.getProperty("bench.fork.opts", "").trim()
                .replace("{run}", log.getFileName().toString().replaceFirst("\\.log$", ""));
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", classpath(), ForkedComposeImport.class.getName()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(2, TimeUnit.HOURS)) {
                p.destroyForcibly();
                throw new IllegalStateException("forked import did not finish; see " + log);
            }
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("RESULT ")) {
                    return JSON.readTree(line.substring("RESULT ".length()));
                }
            }
            throw new IllegalStateException("forked import exited " + p.exitValue() + " without a RESULT line: "
                    + tail(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Surefire/failsafe give the whole test classpath here; a plain JVM has it in java.class.path. */
    private static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
