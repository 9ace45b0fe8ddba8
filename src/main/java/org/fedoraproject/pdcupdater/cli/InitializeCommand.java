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
                + "finished ones and starts the interrupted one over (initialize only adds what is missing). "
                + "A handler that fails is reported and the others still run; the exit status is then 1."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every selected handler initialized", "1:a handler failed (the rest ran)"})
final class InitializeCommand implements Callable<Integer> {

    @Option(names = "--handler", paramLabel = "NAME", description = "initialize only this handler (default: all)")
    String handler;

    @Option(names = "--again", description = "run handlers that already finished again")
    boolean again;

    @Override
    public Integer call() {
        try (CliRuntime runtime = CliRuntime.start()) {
            InitializeLedger ledger = runtime.bean("initializeLedger", InitializeLedger.class);
            int failed = 0;
            for (Handler h : Handlers.select(runtime.context(), handler)) {
                if (!again && ledger.isFinished(h.name())) {
                    System.out.printf("%s: already initialized (use --again to run it again)%n", h.name());
                    continue;
                }
                // One handler's source being unreachable must not keep the others from loading; the
                // failed one stays unfinished in the ledger, so the next run takes it up again.
                try {
                    ledger.started(h.name());
                    TerminalProgress progress = TerminalProgress.forLabel("initialize " + h.name());
                    InitializeResult result = h.initialize(progress);
                    progress.finish();
                    ledger.finished(result);
                    System.out.printf("%s: %d examined, %d written%n", h.name(), result.examined(), result.written());
                } catch (RuntimeException e) {
                    failed++;
                    System.out.printf("%s: FAILED: %s%n", h.name(), e.getMessage());
                }
            }
            return failed == 0 ? 0 : 1;
        } catch (RuntimeException e) {
            System.err.println("initialize failed: " + e.getMessage());
            return 1;
        }
    }
}
