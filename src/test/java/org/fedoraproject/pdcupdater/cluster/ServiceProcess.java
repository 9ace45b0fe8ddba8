package org.fedoraproject.pdcupdater.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.fedoraproject.pdcupdater.testsupport.JarCommand;

/**
 * The service as production runs it: {@code java -jar}-style from the shaded jar, in a JVM of its
 * own, so that the test can SIGKILL it. The test's classes are on the class path only for the
 * failover handler ({@link FailoverHandlerConfiguration}).
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String member;
    private final Process process;
    private final int consolePort;
    final Path log;

    private ServiceProcess(String member, Process process, int consolePort, Path log) {
        this.member = member;
        this.process = process;
        this.consolePort = consolePort;
        this.log = log;
    }

    static ServiceProcess start(String member, Map<String, String> settings, Path workDir) {
        Map<String, String> all = new LinkedHashMap<>();
        // Production's profile, with the rig's settings (loopback servers) on top.
        all.put("camel.main.profile", "prod");
        all.putAll(settings);
        List<String> command = JarCommand.java(JarCommand.JVM_OPTIONS, all);
        command.add("-cp");
        command.add(JarCommand.jar() + File.pathSeparator + Path.of("target/test-classes").toAbsolutePath());
        command.add("org.fedoraproject.pdcupdater.cli.Main");
        try {
            // The working directory is the rig's, laid out as an operator's: routes/ (camel-main scans
            // file:routes/ before -D settings apply, and fails without it), pki/. Nothing else is
            // written there: the database, sandbox and PKI paths are all given.
            Path log = Files.createDirectories(workDir.resolve(member)).resolve("service.log");
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new ServiceProcess(member, process, Integer.parseInt(settings.get("console.port")), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The end of the process's output, for a failure message. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return member + " (" + (process.isAlive() ? "running" : "exited " + process.exitValue()) + "):\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return member + ": no log (" + e.getMessage() + ")";
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** {@code pdcupdater_leader} from the metrics page: 1 leader, 0 standby, empty while not up. */
    OptionalDouble leaderGauge() {
        if (!process.isAlive()) {
            // Waiting on a dead instance only hides why it died: its log goes with the failure.
            throw new AssertionError(member + " exited with status " + process.exitValue());
        }
        return metric("pdcupdater_leader");
    }

    boolean isLeader() {
        return leaderGauge().orElse(0) == 1;
    }

    boolean isStandby() {
        return leaderGauge().orElse(-1) == 0;
    }

    OptionalDouble metric(String name) {
        String page = get("/observe/metrics");
        if (page == null) {
            return OptionalDouble.empty();
        }
        for (String line : page.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return OptionalDouble.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return OptionalDouble.empty();
    }

    String get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + consolePort + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** SIGKILL: no shutdown hook, no ZooKeeper session close, whatever was in flight is lost. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
