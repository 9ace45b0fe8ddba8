package org.fedoraproject.pdcupdater.reconcile;

import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.HandlerHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter channel of every handler route: stores the failed message with its reason so
 * that reconciliation can replay it and an operator can see it. A failure of a replay lands here
 * too (the replay goes through the same handler route), which counts the attempt and pushes the
 * next one further out; after {@link RetrySchedule#maxAttempts()} the entry waits for a person.
 */
public class DeadLetterRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRecorder.class);

    private final DeadLetterStore store;
    private final MeterRegistry registry;
    private final RetrySchedule schedule;

    public DeadLetterRecorder(DeadLetterStore store, MeterRegistry registry) {
        this(store, registry, RetrySchedule.DEFAULT);
    }

    public DeadLetterRecorder(DeadLetterStore store, MeterRegistry registry, RetrySchedule schedule) {
        this.store = store;
        this.registry = registry;
        this.schedule = schedule;
    }

    public void record(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        FedmsgEnvelope message = exchange.getMessage().getBody(FedmsgEnvelope.class);
        String handler = exchange.getMessage().getHeader(HandlerHeaders.HANDLER, "unknown", String.class);
        boolean permanent = FailureClassifier.isPermanent(failure);
        String reason = FailureClassifier.reason(failure);
        long id = store.recordFailure(message.msgId(), message.topic(), handler,
                new String(message.raw(), StandardCharsets.UTF_8), reason, failure.getClass().getName(), permanent,
                attempts -> schedule.delay(attempts, permanent));
        Counter.builder("pdcupdater.dead.letters").description("Handler failures stored as dead letters")
                .tag("handler", handler).tag("permanent", String.valueOf(permanent)).register(registry).increment();
        int attempts = store.get(id).map(DeadLetter::attempts).orElse(1);
        if (schedule.exhausted(attempts)) {
            store.changeStatus(id, DeadLetter.Status.PENDING, DeadLetter.Status.NEEDS_PERSON);
            LOG.error("Dead letter #{}: handler {} failed on {} ({}) {} times, a person has to look: {}", id, handler,
                    message.msgId(), message.topic(), attempts, reason);
        } else {
            LOG.error("Dead letter #{}: handler {} failed on {} ({}), attempt {}: {}", id, handler, message.msgId(),
                    message.topic(), attempts, reason);
        }
    }
}
