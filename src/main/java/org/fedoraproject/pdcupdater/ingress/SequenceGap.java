package org.fedoraproject.pdcupdater.ingress;

/**
 * Messages {@code firstMissing..lastMissing} of one publisher never arrived. They were sent
 * between {@code windowStart} and {@code windowEnd} (publisher clock, seconds since the epoch),
 * which is where datagrepper is asked for them.
 */
public record SequenceGap(String publisher, long firstMissing, long lastMissing, double windowStart, double windowEnd) {

    public long count() {
        return lastMissing - firstMissing + 1;
    }
}
