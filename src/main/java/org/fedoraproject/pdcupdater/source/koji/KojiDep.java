package org.fedoraproject.pdcupdater.source.koji;

import java.util.Map;

/**
 * One dependency of an RPM, as {@code getRPMDeps} returns it: {@code flags} are rpm's RPMSENSE
 * bits, {@code type} one of the constants below (koji/__init__.py {@code DEP_*}).
 */
public record KojiDep(String name, String version, int flags, int type) {

    public static final int REQUIRES = 0;
    public static final int PROVIDES = 1;
    public static final int OBSOLETES = 2;
    public static final int CONFLICTS = 3;
    public static final int SUGGESTS = 4;
    public static final int ENHANCES = 5;
    public static final int SUPPLEMENTS = 6;
    public static final int RECOMMENDS = 7;

    /** rpm's RPMSENSE_LESS, RPMSENSE_GREATER and RPMSENSE_EQUAL. */
    public static final int SENSE_LESS = 1 << 1;
    public static final int SENSE_GREATER = 1 << 2;
    public static final int SENSE_EQUAL = 1 << 3;
    private static final int SENSE_COMPARISON = SENSE_LESS | SENSE_GREATER | SENSE_EQUAL;

    public static KojiDep from(Object value) {
        Map<String, Object> d = KojiValues.struct(value, "dependency");
        String version = KojiValues.optionalString(d, "version");
        return new KojiDep(
                KojiValues.requiredString(d, "name"),
                version == null ? "" : version,
                KojiValues.requiredInt(d, "flags"),
                KojiValues.requiredInt(d, "type"));
    }

    /**
     * Whether the flags say nothing beyond a version comparison. rpm sets other bits on its
     * internal dependencies (rpmlib(...), scriptlet interpreters); the original pdc-updater
     * skipped those, and so can callers with this.
     */
    public boolean isPlainComparison() {
        return (flags & ~SENSE_COMPARISON) == 0;
    }

    /** The comparison as rpm prints it: "", "<", "<=", "=", ">=" or ">". */
    public String operator() {
        StringBuilder op = new StringBuilder(2);
        if ((flags & SENSE_LESS) != 0) {
            op.append('<');
        }
        if ((flags & SENSE_GREATER) != 0) {
            op.append('>');
        }
        if ((flags & SENSE_EQUAL) != 0) {
            op.append('=');
        }
        return op.toString();
    }
}
