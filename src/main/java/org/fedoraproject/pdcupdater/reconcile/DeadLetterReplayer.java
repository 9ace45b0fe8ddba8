package org.fedoraproject.pdcupdater.reconcile;

import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays dead letters through their handler's own route ({@code direct:<handler>}), so a replay
 * gets the same error handling as a live message: a failure is recorded again by the route's
 * dead-letter recorder (one more attempt, a later next attempt, or a person after too many), a
 * success resolves the entry here.
 */
public class DeadLetterReplayer implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplayer.class);

    /** What became of one replay. */
    public enum Outcome {
        RESOLVED,
        /** The handler failed again; its route recorded the failure. */
        FAILED,
        /** The entry cannot be replayed (no such handler route, unreadable message): a person must look. */
        NEEDS_PERSON,
        /** Someone else settled it meanwhile (an operator's discard, another instance's replay). */
        SKIPPED
    }

    private final DeadLetterStore store;
    private final MeterRegistry registry;
    private final String topicPrefix;
    private final int batchSize;
    private CamelContext camelContext;
    private ProducerTemplate producer;

    public DeadLetterReplayer(DeadLetterStore store, MeterRegistry registry, String topicPrefix, int batchSize) {
        this.store = store;
        this.registry = registry;
        this.topicPrefix = topicPrefix;
        this.batchSize = batchSize;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /**
     * Replays the entries whose next attempt is due, oldest first. Stops at the first transient
     * failure: PDC or a source is still down, and every further replay would only wait through
     * the route's redeliveries to fail the same way.
     *
     * @return how many entries were resolved
     */
    public int replayDue() {
        List<DeadLetter> due = store.due(Instant.now(), batchSize);
        int resolved = 0;
        for (DeadLetter letter : due) {
            Outcome outcome = replay(letter);
            if (outcome == Outcome.RESOLVED) {
                resolved++;
            } else if (outcome == Outcome.FAILED
                    && store.get(letter.id()).map(d -> !d.permanent()).orElse(false)) {
                LOG.info("Dead-letter replay paused after a transient failure of #{}; {} of {} due entries resolved",
                        letter.id(), resolved, due.size());
                return resolved;
            }
        }
        if (!due.isEmpty()) {
            LOG.info("Dead-letter replay: {} of {} due entries resolved", resolved, due.size());
        }
        return resolved;
    }

    /** Replays a list (the CLI's {@code retry --dead-letters}), reporting progress. */
    public int replayAll(List<DeadLetter> letters, Progress progress) {
        progress.total(letters.size());
        int resolved = 0;
        for (DeadLetter letter : letters) {
            if (replay(letter) == Outcome.RESOLVED) {
                resolved++;
            }
            progress.advance(1);
        }
        return resolved;
    }

    /** Replays one entry (in any status but RESOLVED) through its handler route. */
    public Outcome replay(DeadLetter letter) {
        String endpoint = "direct:" + letter.handler();
        if (camelContext.getRoute(letter.handler()) == null && !hasConsumer(endpoint)) {
            needsPerson(letter, "no handler route " + endpoint);
            return Outcome.NEEDS_PERSON;
        }
        FedmsgEnvelope envelope;
        try {
            envelope = StoredMessages.parse(letter.rawMessage());
        } catch (RuntimeException e) {
            needsPerson(letter, "stored message unreadable: " + e.getMessage());
            return Outcome.NEEDS_PERSON;
        }
        if (letter.status() != DeadLetter.Status.PENDING
                && !store.changeStatus(letter.id(), letter.status(), DeadLetter.Status.PENDING)) {
            return Outcome.SKIPPED;
        }
        Exchange result = producer().send(endpoint, exchange -> {
            exchange.getMessage().setBody(envelope);
            exchange.getMessage().setHeaders(new java.util.HashMap<>(
                    StoredMessages.headers(envelope, letter.handler(), topicPrefix, StoredMessages.SOURCE_DEAD_LETTER)));
        });
        Throwable failure = result.getException() != null ? result.getException()
                : result.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure != null) {
            count("failed", letter.handler());
            if (result.getException() != null) {
                // Not handled by the route's error handling (e.g. the database is down): the entry is
                // unchanged and is due again at the next run.
                LOG.warn("Replay of dead letter #{} ({}) failed outside the handler: {}", letter.id(), letter.msgId(),
                        failure.toString());
            }
            return Outcome.FAILED;
        }
        if (!store.changeStatus(letter.id(), DeadLetter.Status.PENDING, DeadLetter.Status.RESOLVED)) {
            return Outcome.SKIPPED;
        }
        count("resolved", letter.handler());
        LOG.info("Dead letter #{} resolved: {} handled {} ({}) on attempt {}", letter.id(), letter.handler(),
                letter.msgId(), letter.topic(), letter.attempts() + 1);
        return Outcome.RESOLVED;
    }

    private boolean hasConsumer(String endpoint) {
        String normalized = endpoint.replace("direct:", "direct://");
        return camelContext.getRoutes().stream().map(r -> r.getEndpoint().getEndpointUri())
                .anyMatch(uri -> uri.equals(endpoint) || uri.equals(normalized));
    }

    private void needsPerson(DeadLetter letter, String why) {
        store.changeStatus(letter.id(), letter.status(), DeadLetter.Status.NEEDS_PERSON);
        count("needs-person", letter.handler());
        LOG.error("Dead letter #{} ({}, handler {}) cannot be replayed: {}", letter.id(), letter.msgId(),
                letter.handler(), why);
    }

    private void count(String outcome, String handler) {
        Counter.builder("pdcupdater.dead.letters.replayed").description("Dead-letter replays by outcome")
                .tag("handler", handler).tag("outcome", outcome).register(registry).increment();
    }

    private synchronized ProducerTemplate producer() {
        if (producer == null) {
            producer = camelContext.createProducerTemplate();
        }
        return producer;
    }
}
