package org.fedoraproject.pdcupdater.source.koji;

import java.util.Map;

/** A tag as {@code getTag} returns it (kojihub.py {@code get_tag}). {@code arches} is space-separated or null. */
public record KojiTag(
        int id,
        String name,
        String arches,
        boolean locked,
        Integer permId,
        String perm,
        boolean mavenSupport,
        boolean mavenIncludeAll,
        Map<String, Object> extra) {

    public static KojiTag from(Object value) {
        Map<String, Object> t = KojiValues.struct(value, "tag");
        return new KojiTag(
                KojiValues.requiredInt(t, "id"),
                KojiValues.requiredString(t, "name"),
                KojiValues.optionalString(t, "arches"),
                KojiValues.flag(t, "locked"),
                KojiValues.optionalInt(t, "perm_id"),
                KojiValues.optionalString(t, "perm"),
                KojiValues.flag(t, "maven_support"),
                KojiValues.flag(t, "maven_include_all"),
                KojiValues.optionalStruct(t, "extra"));
    }
}
