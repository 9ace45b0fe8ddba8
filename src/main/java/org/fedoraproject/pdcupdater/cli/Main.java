package org.fedoraproject.pdcupdater.cli;

import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point of the jar. With no subcommand it runs the service, because that is what
 * a systemd unit or a new user typing {@code java -jar target/pdc-updater.jar} expects.
 */
@Command(name = "pdc-updater",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Keeps Fedora's Product Definition Center (PDC) true to the fedmsg bus.",
        subcommands = {RunCommand.class, AuditCommand.class, RetryCommand.class, InitializeCommand.class,
                DeadLettersCommand.class, SandboxCommand.class, PublishCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    /** H2's system property for the address its servers (here: AUTO_SERVER's) bind and advertise. */
    static final String H2_BIND_ADDRESS = "h2.bindAddress";

    /** Commands whose standard output is their result (a report, JSON): their logs go to stderr. */
    private static final Set<String> REPORTING = Set.of("audit", "retry", "initialize", "dead-letters", "publish");

    public static void main(String[] args) {
        // With H2's AUTO_SERVER (the default db.url), the process that opens the database file first
        // serves it to the others over TCP. H2 would listen on every interface and advertise the host
        // name's address; loopback is enough for the commands beside the service on the same host.
        // Read once, when H2 first loads: so here, before anything opens a database.
        if (System.getProperty(H2_BIND_ADDRESS) == null) {
            System.setProperty(H2_BIND_ADDRESS, "127.0.0.1");
        }
        if (args.length > 0 && REPORTING.contains(args[0])) {
            // Read by config/log4j2.properties; must be set before the first logger is made.
            System.setProperty("pdcupdater.log.target", "SYSTEM_ERR");
        }
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() {
        // The service's exit status is the process's: a start that fails must not exit 0, or
        // systemd (Restart=on-failure) and a supervising test take a crash for a clean stop.
        return new RunCommand().call();
    }
}
