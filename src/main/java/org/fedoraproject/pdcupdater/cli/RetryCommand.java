package org.fedoraproject.pdcupdater.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.fedoraproject.pdcupdater.fedmsg.RejectedMessageException;
import org.fedoraproject.pdcupdater.ingress.FedmsgGate;
import org.fedoraproject.pdcupdater.ingress.IngressHeaders;
import org.fedoraproject.pdcupdater.reconcile.DeadLetter;
import org.fedoraproject.pdcupdater.reconcile.DeadLetterReplayer;
import org.fedoraproject.pdcupdater.reconcile.DeadLetterStore;
import org.fedoraproject.pdcupdater.source.DatagrepperClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code retry}: handles messages again, by id or from the dead-letter store. */
@Command(name = "retry", mixinStandardHelpOptions = true,
        description = {"Handles messages again: by id, from stdin, or the dead letters.", "",
                "Handles messages again. By id: fetched from datagrepper (fedmsg.datagrepper-url), verified "
                + "like the ingress verifies them, and dispatched to every handler of their topic (even if "
                + "they were handled before); ids datagrepper does not know are looked up in the dead-letter "
                + "store. --dead-letters replays the pending and needs-person dead letters. Exit status: 0 "
                + "all handled, 1 some failed or were not found."})
final class RetryCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    static final class Selection {
        @Option(names = "--msg-id", paramLabel = "ID", arity = "1..*", description = "message ids")
        List<String> msgIds;

        @Option(names = "--dead-letters", description = "all pending and needs-person dead letters")
        boolean deadLetters;

        @Parameters(paramLabel = "-", arity = "0..1", description = "'-': read message ids from stdin, one a line")
        String stdin;
    }

    @Option(names = "--since", paramLabel = "TIME",
            description = "with --dead-letters: only those that failed since TIME (ISO-8601, e.g. 2024-05-01T00:00:00Z,"
                    + " or an age like 2h, 3d)")
    String since;

    @Override
    public Integer call() throws Exception {
        if (since != null && !selection.deadLetters) {
            System.err.println("--since applies to --dead-letters only");
            return 1;
        }
        List<String> ids;
        if (selection.deadLetters) {
            ids = List.of();
        } else if (selection.msgIds != null) {
            ids = selection.msgIds;
        } else if ("-".equals(selection.stdin)) {
            ids = readIds();
        } else {
            System.err.println("give --msg-id ID..., --dead-letters, or - (ids on stdin)");
            return 1;
        }
        try (CliRuntime runtime = CliRuntime.start()) {
            DeadLetterStore store = runtime.bean("deadLetters", DeadLetterStore.class);
            DeadLetterReplayer replayer = runtime.bean("deadLetterReplayer", DeadLetterReplayer.class);
            if (selection.deadLetters) {
                List<DeadLetter> letters = new ArrayList<>(store.list(parseSince(since), Integer.MAX_VALUE,
                        DeadLetter.Status.PENDING, DeadLetter.Status.NEEDS_PERSON));
                TerminalProgress progress = TerminalProgress.forLabel("retry");
                int resolved = replayer.replayAll(letters, progress);
                progress.finish();
                System.out.printf("%d of %d dead letters resolved%n", resolved, letters.size());
                return resolved == letters.size() ? 0 : 1;
            }
            String url = runtime.setting("fedmsg.datagrepper-url", "");
            DatagrepperClient datagrepper = url.isEmpty() ? null
                    : new DatagrepperClient(URI.create(url), Duration.ofSeconds(30), 100);
            MessageRetry retry = new MessageRetry(runtime, datagrepper, store, replayer);
            TerminalProgress progress = TerminalProgress.forLabel("retry");
            progress.total(ids.size());
            int failed = 0;
            for (String id : ids) {
                String outcome = retry.retry(id);
                System.out.println(id + ": " + outcome);
                if (!outcome.startsWith("handled") && !outcome.startsWith("resolved")) {
                    failed++;
                }
                progress.advance(1);
            }
            progress.finish();
            return failed == 0 ? 0 : 1;
        }
    }

    private static List<String> readIds() throws Exception {
        List<String> ids = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (!line.isBlank()) {
                ids.add(line.strip());
            }
        }
        return ids;
    }

    static Instant parseSince(String since) {
        if (since == null) {
            return Instant.EPOCH;
        }
        String s = since.strip();
        if (s.matches("\\d+[smhd]")) {
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            Duration age = switch (s.charAt(s.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return Instant.now().minus(age);
        }
        return Instant.parse(s);
    }

    /** One message id: from datagrepper through verification to dispatch, or from the dead-letter store. */
    static final class MessageRetry {
        private final CliRuntime runtime;
        private final DatagrepperClient datagrepper;
        private final DeadLetterStore store;
        private final DeadLetterReplayer replayer;
        private final FedmsgGate gate;
        private final ProducerTemplate producer;
        private final ObjectMapper json = new ObjectMapper();

        MessageRetry(CliRuntime runtime, DatagrepperClient datagrepper, DeadLetterStore store,
                     DeadLetterReplayer replayer) {
            this.runtime = runtime;
            this.datagrepper = datagrepper;
            this.store = store;
            this.replayer = replayer;
            this.gate = runtime.bean("fedmsgGate", FedmsgGate.class);
            this.producer = runtime.context().createProducerTemplate();
        }

        String retry(String msgId) throws Exception {
            Optional<JsonNode> fetched = datagrepper == null ? Optional.empty() : datagrepper.byId(msgId);
            if (fetched.isPresent()) {
                return dispatch(fetched.get());
            }
            List<DeadLetter> letters = store.byMsgId(msgId).stream()
                    .filter(d -> d.status() != DeadLetter.Status.RESOLVED).toList();
            if (letters.isEmpty()) {
                return datagrepper == null ? "not found (no dead letter; no fedmsg.datagrepper-url to fetch it from)"
                        : "not found in datagrepper nor in the dead letters";
            }
            List<String> outcomes = new ArrayList<>();
            for (DeadLetter letter : letters) {
                outcomes.add(letter.handler() + " " + replayer.replay(letter).name().toLowerCase());
            }
            boolean all = outcomes.stream().allMatch(o -> o.endsWith("resolved"));
            return (all ? "resolved from the dead letters: " : "dead letters: ") + String.join(", ", outcomes);
        }

        private String dispatch(JsonNode message) throws Exception {
            Exchange exchange = new DefaultExchange(runtime.context());
            exchange.getMessage().setBody(json.writeValueAsBytes(message));
            exchange.getMessage().setHeader(IngressHeaders.SOURCE, IngressHeaders.SOURCE_DATAGREPPER);
            try {
                gate.verify(exchange);
            } catch (RejectedMessageException e) {
                return "rejected: " + e.getMessage();
            }
            Exchange result = producer.send("direct:dispatch", exchange);
            Throwable failure = result.getException() != null ? result.getException()
                    : result.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            return failure == null ? "handled" : "failed (kept as a dead letter): " + failure.getMessage();
        }
    }
}
