package org.fedoraproject.pdcupdater.reconcile;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code pdcupdater_audit_differences{handler}}: how many differences the last audit of each
 * handler left, so an alert can watch drift without reading the database.
 */
public class AuditMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> differences = new ConcurrentHashMap<>();

    public AuditMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void lastRun(String handler, long remaining) {
        differences.computeIfAbsent(handler, name -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("pdcupdater.audit.differences", value, AtomicLong::doubleValue)
                    .description("Differences between PDC and the source system left by the handler's last audit")
                    .tag("handler", name).register(registry);
            return value;
        }).set(remaining);
    }
}
