package org.fedoraproject.pdcupdater.handler;

/**
 * How to audit: {@code repair} fixes what can be fixed; {@code keep} bounds how many differences
 * the report lists (all are counted); progress is reported for long audits.
 */
public record AuditRequest(boolean repair, int keep, Progress progress) {

    public static AuditRequest reportOnly() {
        return new AuditRequest(false, 100, Progress.SILENT);
    }
}
