package org.fedoraproject.pdcupdater.observe;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The ingress counters an operator alerts on. Prometheus sees them as
 * {@code pdcupdater_messages_received_total{topic}}, {@code ..._rejected_total{reason}},
 * {@code ..._duplicate_total}, {@code ..._unhandled_total} and {@code ..._missed_total}.
 *
 * <p>Counters are cached per label value because a lookup in the registry per message would cost
 * more than the rest of the bookkeeping; topics and reasons are small, bounded sets.
 */
public class IngressMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> receivedByTopic = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejectedByReason = new ConcurrentHashMap<>();
    private final Counter duplicate;
    private final Counter unhandled;
    private final Counter missed;
    private final Counter replayed;

    public IngressMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.duplicate = Counter.builder("pdcupdater.messages.duplicate")
                .description("Messages seen before (same msg_id), not handled again").register(registry);
        this.unhandled = Counter.builder("pdcupdater.messages.unhandled")
                .description("Verified messages whose topic no handler takes").register(registry);
        this.missed = Counter.builder("pdcupdater.messages.missed")
                .description("Messages a publisher sent that never arrived (sequence gaps)").register(registry);
        this.replayed = Counter.builder("pdcupdater.messages.replayed")
                .description("Messages fetched from datagrepper (backlog and gaps)").register(registry);
    }

    /** The registry these counters live in, for other parts of the service to add theirs. */
    public MeterRegistry registry() {
        return registry;
    }

    public void received(String topic) {
        receivedByTopic.computeIfAbsent(topic == null ? "" : topic, t -> Counter.builder("pdcupdater.messages.received")
                .description("Messages received from the bus, by topic").tag("topic", t).register(registry))
                .increment();
    }

    public void rejected(String reason) {
        rejectedByReason.computeIfAbsent(reason, r -> Counter.builder("pdcupdater.messages.rejected")
                .description("Messages that failed parsing or verification, by reason").tag("reason", r)
                .register(registry)).increment();
    }

    public void duplicate() {
        duplicate.increment();
    }

    public void unhandled() {
        unhandled.increment();
    }

    public void missed(long count) {
        missed.increment(count);
    }

    public void replayed() {
        replayed.increment();
    }
}
