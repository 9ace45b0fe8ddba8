package org.fedoraproject.pdcupdater.sandbox.koji;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** One RPM of a build in the stand-in's model. */
public record StandinRpm(
        int id,
        int buildId,
        String name,
        String version,
        String release,
        Integer epoch,
        String arch,
        long size,
        String payloadhash,
        Long buildtime,
        Integer buildrootId) {

    /**
     * An RPM of {@code build} with the build's version, release and epoch; size and payload hash
     * are derived from the N-V-R.A so generated data sets are the same on every run.
     */
    public static StandinRpm of(int id, StandinBuild build, String name, String arch) {
        String nvra = name + "-" + build.version() + "-" + build.release() + "." + arch;
        byte[] digest = md5(nvra);
        long size = 20_000 + ((digest[0] & 0xffL) << 12 | (digest[1] & 0xffL) << 4);
        Double done = build.completionTs();
        return new StandinRpm(id, build.id(), name, build.version(), build.release(), build.epoch(), arch, size,
                HexFormat.of().formatHex(digest), done == null ? null : done.longValue() - 60, null);
    }

    public String nvra() {
        return name + "-" + version + "-" + release + "." + arch;
    }

    private static byte[] md5(String text) {
        try {
            // Koji's payloadhash is an MD5 too; here it only has to look like one.
            return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}
