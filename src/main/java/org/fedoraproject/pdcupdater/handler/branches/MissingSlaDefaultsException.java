package org.fedoraproject.pdcupdater.handler.branches;

/**
 * A branch belongs to a release that {@code config/branch-slas.properties} gives no SLAs for (typically a release
 * branched after the table was last edited). Inventing an end-of-life date would be wrong, so the message waits as
 * a dead letter until release engineering adds the release to the table; then it can be retried.
 */
public class MissingSlaDefaultsException extends RuntimeException {

    private final String release;

    public MissingSlaDefaultsException(String branch, String release) {
        super("no default SLAs for release " + release + " (branch " + branch + "): add release." + release
                + " to config/branch-slas.properties, then retry");
        this.release = release;
    }

    public String release() {
        return release;
    }
}
