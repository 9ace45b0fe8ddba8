package org.fedoraproject.pdcupdater.sandbox.koji;

import java.util.Map;

/**
 * A build in the stand-in's model. Nullable ids ({@code packageId}, {@code ownerId}) are filled in
 * by {@link KojiData#addBuild} from the package and owner names, the same id for the same name.
 * Times are seconds since the epoch, as Koji's {@code *_ts} fields.
 */
public record StandinBuild(
        int id,
        Integer packageId,
        String name,
        String version,
        String release,
        Integer epoch,
        int state,
        Integer taskId,
        Integer ownerId,
        String ownerName,
        Integer creationEventId,
        double creationTs,
        Double startTs,
        Double completionTs,
        String source,
        Map<String, Object> extra) {

    /** koji.BUILD_STATES['COMPLETE'] and ['BUILDING']. */
    public static final int COMPLETE = 1;
    public static final int BUILDING = 0;

    /** 2017-09-05, the day the bundled fixture messages were sent. */
    private static final double DEFAULT_TIME = 1504569600.0;

    public StandinBuild {
        if (name == null || version == null || release == null || ownerName == null) {
            throw new IllegalArgumentException("a build needs name, version, release and owner");
        }
        if (name.isEmpty() || version.contains("-") || release.contains("-")) {
            throw new IllegalArgumentException("not an N-V-R: " + name + "-" + version + "-" + release);
        }
    }

    /** A complete build with everything else defaulted, for tests and generated data sets. */
    public static StandinBuild complete(int id, String name, String version, String release, String ownerName) {
        return new StandinBuild(id, null, name, version, release, null, COMPLETE, null, null, ownerName, null,
                DEFAULT_TIME, DEFAULT_TIME, DEFAULT_TIME + 600, null, null);
    }

    public String nvr() {
        return name + "-" + version + "-" + release;
    }

    public StandinBuild withState(int newState) {
        return new StandinBuild(id, packageId, name, version, release, epoch, newState, taskId, ownerId, ownerName,
                creationEventId, creationTs, startTs, newState == COMPLETE ? completionTs : null, source, extra);
    }

    public StandinBuild withEpoch(Integer newEpoch) {
        return new StandinBuild(id, packageId, name, version, release, newEpoch, state, taskId, ownerId, ownerName,
                creationEventId, creationTs, startTs, completionTs, source, extra);
    }

    StandinBuild withIds(int newPackageId, int newOwnerId, int newEventId) {
        return new StandinBuild(id, newPackageId, name, version, release, epoch, state, taskId, newOwnerId, ownerName,
                newEventId, creationTs, startTs, completionTs, source, extra);
    }
}
