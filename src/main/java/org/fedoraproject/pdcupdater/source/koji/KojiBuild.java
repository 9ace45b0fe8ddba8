package org.fedoraproject.pdcupdater.source.koji;

import java.util.Map;

/**
 * A build as {@code getBuild} and {@code listTagged} return it (kojihub.py {@code get_build},
 * {@code readTaggedBuilds}). Fields that only one of them carries are null from the other:
 * {@code source} and {@code extra} come from getBuild, {@code tagName} from listTagged.
 * Times are the hub's text form, e.g. {@code 2017-09-05 20:18:39.235390+00:00}.
 */
public record KojiBuild(
        int id,
        String name,
        String version,
        String release,
        Integer epoch,
        String nvr,
        int state,
        Integer taskId,
        Integer ownerId,
        String ownerName,
        Integer packageId,
        String creationTime,
        String completionTime,
        String source,
        Map<String, Object> extra,
        String tagName) {

    /** koji.BUILD_STATES. */
    public static final int BUILDING = 0;
    public static final int COMPLETE = 1;
    public static final int DELETED = 2;
    public static final int FAILED = 3;
    public static final int CANCELED = 4;

    public static KojiBuild from(Object value) {
        Map<String, Object> b = KojiValues.struct(value, "build");
        String name = KojiValues.requiredString(b, "name");
        String version = KojiValues.requiredString(b, "version");
        String release = KojiValues.requiredString(b, "release");
        String nvr = KojiValues.optionalString(b, "nvr");
        return new KojiBuild(
                KojiValues.requiredInt(b, "id"),
                name, version, release,
                KojiValues.optionalInt(b, "epoch"),
                nvr != null ? nvr : name + "-" + version + "-" + release,
                KojiValues.requiredInt(b, "state"),
                KojiValues.optionalInt(b, "task_id"),
                KojiValues.optionalInt(b, "owner_id"),
                KojiValues.optionalString(b, "owner_name"),
                KojiValues.optionalInt(b, "package_id"),
                KojiValues.optionalString(b, "creation_time"),
                KojiValues.optionalString(b, "completion_time"),
                KojiValues.optionalString(b, "source"),
                KojiValues.optionalStruct(b, "extra"),
                KojiValues.optionalString(b, "tag_name"));
    }

    /** PDC has no "no epoch": Koji's null epoch is 0 there. */
    public int epochOrZero() {
        return epoch == null ? 0 : epoch;
    }

    public boolean isComplete() {
        return state == COMPLETE;
    }
}
