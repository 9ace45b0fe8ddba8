package org.fedoraproject.pdcupdater.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The command line of the shaded jar in a JVM of its own, as an operator or systemd starts it. */
public final class JarCommand {

    /** Small and quick to start: the tests start many of these. */
    public static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1");

    private JarCommand() {
    }

    /** {@code java}, the JVM options and every setting as a {@code -D} option; the caller adds what to run. */
    public static List<String> java(List<String> jvmOptions, Map<String, String> settings) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        return command;
    }

    /** {@code target/pdc-updater.jar} (system property {@code project.jar}), which {@code mvn package} builds. */
    public static String jar() {
        String jar = System.getProperty("project.jar", "target/pdc-updater.jar");
        if (!Files.exists(Path.of(jar))) {
            throw new IllegalStateException("the shaded jar " + jar + " is missing: run mvn package first");
        }
        return jar;
    }
}
