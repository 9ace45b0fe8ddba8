package org.fedoraproject.pdcupdater.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.audit.Difference;
import org.fedoraproject.pdcupdater.handler.Handler;
import org.fedoraproject.pdcupdater.reconcile.AuditRun;
import org.fedoraproject.pdcupdater.reconcile.AuditRunner;
import org.fedoraproject.pdcupdater.reconcile.Handlers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code audit}: compares PDC with the source systems, per handler; exit status for Nagios. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Compares PDC with the source systems, per handler.", "",
                "Compares PDC with the source systems and reports what is absent from PDC, absent from the "
                + "source, or different, per handler. Each run is kept in the audit_run table. Exit status: 0 "
                + "clean, 2 differences found (with --repair: differences left), 1 error."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:PDC agrees with the sources", "1:an audit failed", "2:differences found"})
final class AuditCommand implements Callable<Integer> {

    @Option(names = "--handler", paramLabel = "NAME", description = "audit only this handler (default: all)")
    String handler;

    @Option(names = "--repair", description = "fix what can be fixed (change comment 'pdc-updater audit repair ...')")
    boolean repair;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;

    enum Format { text, json }

    @Override
    public Integer call() throws Exception {
        try (CliRuntime runtime = CliRuntime.start()) {
            AuditRunner runner = runtime.bean("auditRunner", AuditRunner.class);
            List<AuditRun> runs = new ArrayList<>();
            for (Handler h : Handlers.select(runtime.context(), handler)) {
                TerminalProgress progress = TerminalProgress.forLabel("audit " + h.name());
                runs.add(runner.run(h, repair, "cli", progress));
                progress.finish();
            }
            print(runs, System.out);
            return exitCode(runs);
        }
    }

    static int exitCode(List<AuditRun> runs) {
        if (runs.stream().anyMatch(AuditRun::failed)) {
            return 1;
        }
        return runs.stream().anyMatch(r -> r.remaining() > 0) ? 2 : 0;
    }

    void print(List<AuditRun> runs, PrintStream out) throws Exception {
        if (format == Format.json) {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ArrayNode array = json.createArrayNode();
            for (AuditRun run : runs) {
                ObjectNode o = array.addObject();
                o.put("handler", run.handler());
                o.put("started", run.startedAt().toString());
                o.put("finished", run.finishedAt().toString());
                if (run.failed()) {
                    o.put("error", run.error());
                    continue;
                }
                o.put("compared", run.compared());
                o.put("absent_from_pdc", run.absentFromPdc());
                o.put("absent_from_source", run.absentFromSource());
                o.put("different", run.different());
                o.put("repair", run.repair());
                o.put("repaired", run.repaired());
                o.put("remaining", run.remaining());
                o.set("first_differences", json.valueToTree(run.firstDifferences()));
            }
            out.println(json.writeValueAsString(array));
            return;
        }
        for (AuditRun run : runs) {
            if (run.failed()) {
                out.printf("%s: FAILED: %s%n", run.handler(), run.error());
                continue;
            }
            out.printf("%s: %d compared, %d absent from PDC, %d absent from the source, %d different%s%n",
                    run.handler(), run.compared(), run.absentFromPdc(), run.absentFromSource(), run.different(),
                    run.repair() ? "; " + run.repaired() + " repaired, " + run.remaining() + " left" : "");
            for (Difference d : run.firstDifferences()) {
                out.printf("  %-18s %s%s%s%n", d.kind(), d.key(),
                        d.source() == null ? "" : "  source=" + d.source(),
                        d.pdc() == null ? "" : "  pdc=" + d.pdc());
            }
            if (run.total() > run.firstDifferences().size()) {
                out.printf("  ... and %d more%n", run.total() - run.firstDifferences().size());
            }
        }
    }
}
