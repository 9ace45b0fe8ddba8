package org.fedoraproject.pdcupdater.cli;

import java.util.concurrent.Callable;

import org.fedoraproject.pdcupdater.ServiceMain;
import picocli.CommandLine.Command;

/** {@code run}: the long-running service (the default subcommand). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the service: listens to the bus and keeps PDC up to date.",
                "Settings come from config/application.properties and may be overridden with",
                "-Dkey=value or environment variables (fedmsg.endpoints -> FEDMSG_ENDPOINTS)."})
final class RunCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        try {
            ServiceMain.create().run();
            return 0;
        } catch (Exception e) {
            // camel-main wraps a bean's failure ("Error during post processing of bean ..."): name
            // the root cause too, which is what an operator can act on (a missing file, a refused login).
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            System.err.println("pdc-updater failed: " + e.getMessage()
                    + (root == e ? "" : " (cause: " + root + ")"));
            return 1;
        }
    }
}
