package org.fedoraproject.pdcupdater.reconcile;

import java.time.Instant;
import java.util.List;

import org.fedoraproject.pdcupdater.audit.Difference;

/**
 * One audit of one handler as stored in {@code audit_run}: what it found, and with repair, how
 * many differences were gone when it looked again afterwards.
 *
 * @param remaining differences still there at the end (after repair, the re-check's count);
 *                  what the {@code pdcupdater_audit_differences} gauge shows
 */
public record AuditRun(long id, String handler, Instant startedAt, Instant finishedAt, String trigger, long compared,
                       long absentFromPdc, long absentFromSource, long different, boolean repair, long repaired,
                       long remaining, List<Difference> firstDifferences, String error) {

    public long total() {
        return absentFromPdc + absentFromSource + different;
    }

    public boolean failed() {
        return error != null;
    }
}
