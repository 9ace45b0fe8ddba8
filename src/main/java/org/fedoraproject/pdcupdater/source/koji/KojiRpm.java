package org.fedoraproject.pdcupdater.source.koji;

import java.util.Map;

/** One RPM of a build, as {@code listRPMs} returns it (kojihub.py {@code list_rpms}). */
public record KojiRpm(
        int id,
        String name,
        String version,
        String release,
        Integer epoch,
        String arch,
        Integer buildId,
        Integer buildrootId,
        String payloadhash,
        long size,
        Long buildtime,
        String externalRepoName,
        boolean metadataOnly,
        Map<String, Object> extra) {

    public static KojiRpm from(Object value) {
        Map<String, Object> r = KojiValues.struct(value, "rpm");
        Long size = KojiValues.optionalLong(r, "size");
        return new KojiRpm(
                KojiValues.requiredInt(r, "id"),
                KojiValues.requiredString(r, "name"),
                KojiValues.requiredString(r, "version"),
                KojiValues.requiredString(r, "release"),
                KojiValues.optionalInt(r, "epoch"),
                KojiValues.requiredString(r, "arch"),
                KojiValues.optionalInt(r, "build_id"),
                KojiValues.optionalInt(r, "buildroot_id"),
                KojiValues.optionalString(r, "payloadhash"),
                size == null ? 0 : size,
                KojiValues.optionalLong(r, "buildtime"),
                KojiValues.optionalString(r, "external_repo_name"),
                KojiValues.flag(r, "metadata_only"),
                KojiValues.optionalStruct(r, "extra"));
    }

    /** PDC stores epoch 0 where Koji has none. */
    public int epochForPdc() {
        return epoch == null ? 0 : epoch;
    }

    public String nvr() {
        return name + "-" + version + "-" + release;
    }

    public String nvra() {
        return nvr() + "." + arch;
    }

    /** The file name, e.g. {@code template-glib-3.25.92-1.fc28.src.rpm}. */
    public String filename() {
        return nvra() + ".rpm";
    }

    public boolean isSource() {
        return "src".equals(arch);
    }
}
