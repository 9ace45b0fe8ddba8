package org.fedoraproject.pdcupdater.cli;

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
        subcommands = {RunCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        new RunCommand().call();
    }
}
