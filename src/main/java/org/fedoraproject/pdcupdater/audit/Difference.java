package org.fedoraproject.pdcupdater.audit;

/**
 * One way PDC and the source system disagree about one thing, named by its natural key
 * (a component name, an rpm NEVRA, a username...).
 */
public record Difference(Kind kind, String key, String source, String pdc) {

    /** The three ways PDC can be wrong, as the original pdc-updater's audit reported them. */
    public enum Kind {
        /** The source system has it, PDC does not. */
        ABSENT_FROM_PDC,
        /** PDC has it, the source system does not. */
        ABSENT_FROM_SOURCE,
        /** Both have it, with different values. */
        DIFFERENT
    }

    public static Difference absentFromPdc(String key, String source) {
        return new Difference(Kind.ABSENT_FROM_PDC, key, source, null);
    }

    public static Difference absentFromSource(String key, String pdc) {
        return new Difference(Kind.ABSENT_FROM_SOURCE, key, null, pdc);
    }

    public static Difference different(String key, String source, String pdc) {
        return new Difference(Kind.DIFFERENT, key, source, pdc);
    }
}
