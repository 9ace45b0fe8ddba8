package org.fedoraproject.pdcupdater.cli;

import java.util.concurrent.Callable;

import org.fedoraproject.pdcupdater.handler.Handler;
import org.fedoraproject.pdcupdater.handler.InitializeResult;
import org.fedoraproject.pdcupdater.reconcile.Handlers;
import org.fedoraproject.pdcupdater.reconcile.InitializeLedger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code initialize}: bulk-loads PDC from the source systems, resumable. */
@Command(name = "initialize", mixinStandardHelpOptions = true,
        description = {"Loads PDC from the source systems (resumable).", "",
                "Loads PDC from the source systems, handler by handler (in name order). Each finished "
                + "handler is recorded in the database; after an interruption, running it again skips the "
                + "finished ones and starts the interrupted one over (initialize only adds what is missing)."})
final class InitializeCommand implements Callable<Integer> {

    @Option(names = "--handler", paramLabel = "NAME", description = "initialize only this handler (default: all)")
    String handler;

    @Option(names = "--again", description = "run handlers that already finished again")
    boolean again;

    @Override
    public Integer call() {
        try (CliRuntime runtime = CliRuntime.start()) {
            InitializeLedger ledger = runtime.bean("initializeLedger", InitializeLedger.class);
            for (Handler h : Handlers.select(runtime.context(), handler)) {
                if (!again && ledger.isFinished(h.name())) {
                    System.out.printf("%s: already initialized (use --again to run it again)%n", h.name());
                    continue;
                }
                ledger.started(h.name());
                TerminalProgress progress = TerminalProgress.forLabel("initialize " + h.name());
                InitializeResult result = h.initialize(progress);
                progress.finish();
                ledger.finished(result);
                System.out.printf("%s: %d examined, %d written%n", h.name(), result.examined(), result.written());
            }
            return 0;
        } catch (RuntimeException e) {
            System.err.println("initialize failed: " + e.getMessage());
            return 1;
        }
    }
}
