package org.fedoraproject.pdcupdater.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.fedoraproject.pdcupdater.sandbox.EmbeddedSystems;
import org.fedoraproject.pdcupdater.sandbox.SandboxSettings;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiData;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiStandin;
import org.fedoraproject.pdcupdater.sandbox.standin.StandinSet;
import org.fedoraproject.pdcupdater.source.SourcesConfiguration;
import picocli.CommandLine.Command;

/** {@code sandbox}: the PDC sandbox and the source-system stand-ins on their own, until Ctrl-C. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Runs the PDC sandbox and the source stand-ins until Ctrl-C.", "",
                "Runs the PDC sandbox and the FAS, pkgdb, dist-git, MBS and Koji stand-ins on their own, on "
                + "the configured ports (sandbox.host, sandbox.port, sandbox.standins-port, sandbox.db-url), "
                + "until Ctrl-C. Point a service at it with pdc.url and the source URLs it prints."})
final class SandboxCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        CliSettings settings = new CliSettings();
        Path releases = Path.of(settings.get("sandbox.releases-file", "config/sandbox-releases.json"));
        EmbeddedSystems systems = EmbeddedSystems.start(new SandboxSettings(settings.get("sandbox.host", "127.0.0.1"),
                        settings.getInt("sandbox.port", 8000), settings.get("sandbox.db-url", "jdbc:h2:file:./data/pdc-sandbox"),
                        SourcesConfiguration.SANDBOX_TOKEN, Files.exists(releases) ? releases : null, false),
                settings.getInt("sandbox.standins-port", 8001),
                Map.of(KojiStandin.PATH, new KojiStandin(KojiData.bundled())));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            systems.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        System.out.println("PDC sandbox:   " + systems.pdcApiRoot() + "  (token: " + SourcesConfiguration.SANDBOX_TOKEN + ")");
        System.out.println("FAS:           " + systems.standin(StandinSet.FAS_PATH));
        System.out.println("pkgdb:         " + systems.standin(StandinSet.PKGDB_PATH));
        System.out.println("dist-git:      " + systems.standin(StandinSet.DISTGIT_PATH));
        System.out.println("MBS:           " + systems.standin(StandinSet.MBS_PATH));
        System.out.println("Koji hub:      " + systems.standin(KojiStandin.PATH));
        System.out.println("Ctrl-C stops.");
        stopped.await();
        return 0;
    }
}
