package org.fedoraproject.pdcupdater.reconcile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.HandlerHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter channel of every handler route: stores the failed message with its reason so
 * that reconciliation can replay it and an operator can see it.
 */
public class DeadLetterRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRecorder.class);
    /** Transient failures are retried soon, then less and less often. */
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    static final Duration MAX_RETRY = Duration.ofHours(6);
    /** A person has to act on a permanent failure first (create a release...): look again hourly. */
    static final Duration PERMANENT_RETRY = Duration.ofHours(1);

    private final DeadLetterStore store;
    private final MeterRegistry registry;

    public DeadLetterRecorder(DeadLetterStore store, MeterRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    public void record(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        FedmsgEnvelope message = exchange.getMessage().getBody(FedmsgEnvelope.class);
        String handler = exchange.getMessage().getHeader(HandlerHeaders.HANDLER, "unknown", String.class);
        boolean permanent = FailureClassifier.isPermanent(failure);
        String reason = FailureClassifier.reason(failure);
        long id = store.recordFailure(message.msgId(), message.topic(), handler,
                new String(message.raw(), StandardCharsets.UTF_8), reason, failure.getClass().getName(), permanent,
                attempts -> permanent ? PERMANENT_RETRY : backoff(attempts));
        Counter.builder("pdcupdater.dead.letters").description("Handler failures stored as dead letters")
                .tag("handler", handler).tag("permanent", String.valueOf(permanent)).register(registry).increment();
        LOG.error("Dead letter #{}: handler {} failed on {} ({}): {}", id, handler, message.msgId(), message.topic(),
                reason);
    }

    static Duration backoff(int attempts) {
        long minutes = FIRST_RETRY.toMinutes() << Math.min(attempts - 1, 20);
        return minutes >= MAX_RETRY.toMinutes() ? MAX_RETRY : Duration.ofMinutes(minutes);
    }
}
