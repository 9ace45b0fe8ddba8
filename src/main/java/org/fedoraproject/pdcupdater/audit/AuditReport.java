package org.fedoraproject.pdcupdater.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What one handler's audit found: counts per kind of difference and the first differences
 * themselves. Only the first {@code keep} differences are kept, so an audit that finds a million
 * differences (an empty PDC) still has a small report.
 */
public final class AuditReport implements Consumer<Difference> {

    private final String handler;
    private final int keep;
    private final Instant startedAt = Instant.now();
    private final Map<Difference.Kind, Long> counts = new EnumMap<>(Difference.Kind.class);
    private final List<Difference> first = new ArrayList<>();
    private Instant finishedAt;
    private long compared;

    public AuditReport(String handler, int keep) {
        this.handler = handler;
        this.keep = keep;
        for (Difference.Kind kind : Difference.Kind.values()) {
            counts.put(kind, 0L);
        }
    }

    @Override
    public synchronized void accept(Difference difference) {
        counts.merge(difference.kind(), 1L, Long::sum);
        if (first.size() < keep) {
            first.add(difference);
        }
    }

    public synchronized AuditReport finish(long comparedKeys) {
        this.compared = comparedKeys;
        this.finishedAt = Instant.now();
        return this;
    }

    public String handler() {
        return handler;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public synchronized Instant finishedAt() {
        return finishedAt;
    }

    public synchronized long compared() {
        return compared;
    }

    public synchronized long count(Difference.Kind kind) {
        return counts.get(kind);
    }

    public synchronized long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public synchronized List<Difference> firstDifferences() {
        return Collections.unmodifiableList(new ArrayList<>(first));
    }

    public boolean clean() {
        return total() == 0;
    }
}
