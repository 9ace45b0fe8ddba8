package org.fedoraproject.pdcupdater.ingress;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches fedmsg's per-publisher sequence number {@code i} for jumps.
 *
 * <p>A publisher is identified by the endpoint its message came from (one process, one counter),
 * or by its certificate name when the endpoint is unknown; several processes may share a name
 * (mod_wsgi workers each count from 1), and a restart starts again from 1, so only a moderate
 * forward jump is a loss: a step back or a very large jump just starts a new count. Positions live in memory: after our own restart the
 * datagrepper backlog, not the sequence numbers, covers what was missed.
 */
public class SequenceTracker {

    private record Position(long sequence, double timestamp) {
    }

    private final Map<String, Position> positions = new ConcurrentHashMap<>();
    private final long maxGap;

    public SequenceTracker(long maxGap) {
        this.maxGap = maxGap;
    }

    public Optional<SequenceGap> observe(String publisher, long sequence, double timestamp) {
        Position previous = positions.put(publisher, new Position(sequence, timestamp));
        if (previous == null) {
            return Optional.empty();
        }
        long jump = sequence - previous.sequence();
        if (jump <= 1 || jump > maxGap + 1) {
            return Optional.empty();
        }
        return Optional.of(new SequenceGap(publisher, previous.sequence() + 1, sequence - 1,
                previous.timestamp(), timestamp));
    }
}
