package org.fedoraproject.pdcupdater.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.zaxxer.hikari.HikariDataSource;
import org.fedoraproject.pdcupdater.db.Database;
import org.fedoraproject.pdcupdater.reconcile.DeadLetter;
import org.fedoraproject.pdcupdater.reconcile.DeadLetterStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dead-letters list|show|discard}: what handlers could not apply, read from the database only. */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
        description = {"Lists, shows and discards dead letters.", "",
                "Shows and settles the messages handlers could not apply to PDC (the dead_letter table). "
                + "Replay them with 'retry --dead-letters' or 'retry --msg-id ID'."},
        subcommands = {DeadLettersCommand.List.class, DeadLettersCommand.Show.class, DeadLettersCommand.Discard.class})
final class DeadLettersCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("give a subcommand: list, show ID, discard ID... (see --help)");
        return 1;
    }

    private static <T> T withStore(java.util.function.Function<DeadLetterStore, T> work) {
        try (HikariDataSource db = Database.open(new CliSettings().database())) {
            return work.apply(new DeadLetterStore(db));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists dead letters, newest failure first.")
    static final class List implements Callable<Integer> {
        @Option(names = "--status", split = ",", paramLabel = "STATUS",
                description = "PENDING, NEEDS_PERSON, RESOLVED, DISCARDED (default: PENDING,NEEDS_PERSON)")
        java.util.List<DeadLetter.Status> statuses = java.util.List.of(DeadLetter.Status.PENDING,
                DeadLetter.Status.NEEDS_PERSON);

        @Option(names = "--since", paramLabel = "TIME", description = "failed since (ISO-8601 or an age: 2h, 3d)")
        String since;

        @Option(names = "--limit", defaultValue = "100", description = "at most this many (default: ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() {
            java.util.List<DeadLetter> letters = withStore(store -> store.list(RetryCommand.parseSince(since), limit,
                    statuses.toArray(DeadLetter.Status[]::new)));
            System.out.printf("%-6s %-12s %-14s %-8s %-20s %-40s %s%n", "ID", "STATUS", "HANDLER", "ATTEMPTS",
                    "LAST FAILURE", "MSG_ID", "REASON");
            for (DeadLetter d : letters) {
                System.out.printf("%-6d %-12s %-14s %-8d %-20s %-40s %s%n", d.id(), d.status(), d.handler(),
                        d.attempts(), d.lastFailure().toString().replaceFirst("\\.\\d+Z$", "Z"), d.msgId(),
                        d.reason().lines().findFirst().orElse(""));
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one dead letter with its message.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            Optional<DeadLetter> letter = withStore(store -> store.get(id));
            if (letter.isEmpty()) {
                System.err.println("no dead letter " + id);
                return 1;
            }
            DeadLetter d = letter.get();
            System.out.printf("id:            %d%nstatus:        %s%nhandler:       %s%nmsg_id:        %s%n"
                            + "topic:         %s%npermanent:     %s%nattempts:      %d%nfirst failure: %s%n"
                            + "last failure:  %s%nnext attempt:  %s%nexception:     %s%nreason:        %s%n"
                            + "message:%n%s%n", d.id(), d.status(), d.handler(), d.msgId(), d.topic(), d.permanent(),
                    d.attempts(), d.firstFailure(), d.lastFailure(), d.nextAttempt(), d.exceptionClass(), d.reason(),
                    d.rawMessage());
            return 0;
        }
    }

    @Command(name = "discard", mixinStandardHelpOptions = true,
            description = "Marks dead letters as needing nothing more (status DISCARDED); they are no longer replayed.")
    static final class Discard implements Callable<Integer> {
        @Parameters(paramLabel = "ID", arity = "1..*")
        java.util.List<Long> ids;

        @Override
        public Integer call() {
            return withStore(store -> {
                int missing = 0;
                for (long id : ids) {
                    if (store.get(id).isPresent()) {
                        store.setStatus(id, DeadLetter.Status.DISCARDED);
                        System.out.println(id + ": discarded");
                    } else {
                        System.err.println(id + ": no such dead letter");
                        missing++;
                    }
                }
                return missing == 0 ? 0 : 1;
            });
        }
    }
}
