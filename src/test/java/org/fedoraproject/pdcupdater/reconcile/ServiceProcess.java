package org.fedoraproject.pdcupdater.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.fedoraproject.pdcupdater.testsupport.JarCommand;

/**
 * The shaded jar ({@code target/pdc-updater.jar}, system property {@code project.jar}) in a child
 * JVM, run from the project directory (it reads {@code config/} and {@code routes/} there), with
 * settings as {@code -D} options: what an operator runs.
 */
final class ServiceProcess {

    private ServiceProcess() {
    }

    static Process start(Path log, Map<String, String> settings, String... args) {
        List<String> jvmOptions = new ArrayList<>(JarCommand.JVM_OPTIONS);
        jvmOptions.add("-Dsun.net.httpserver.nodelay=true");
        List<String> command = JarCommand.java(jvmOptions, settings);
        command.add("-jar");
        command.add(JarCommand.jar());
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command to its end; returns its exit status and standard output (logs go to stderr). */
    static Result run(Path dir, Map<String, String> settings, String... args) throws Exception {
        return run(dir, JarCommand.JVM_OPTIONS, settings, args);
    }

    static Result run(Path dir, List<String> jvmOptions, Map<String, String> settings, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = dir.resolve("cli.log");
        List<String> command = JarCommand.java(jvmOptions, settings);
        command.add("-jar");
        command.add(JarCommand.jar());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile())).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("command did not finish: " + String.join(" ", args));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    record Result(int exitCode, String stdout) {
    }
}
