package org.fedoraproject.pdcupdater.handler;

/**
 * Where long work (initialize, audit of a whole release, retry of many) reports how far it got;
 * the CLI shows it as a progress line on a terminal and as periodic log lines elsewhere.
 */
public interface Progress {

    Progress SILENT = new Progress() {
        @Override
        public void total(long total) {
        }

        @Override
        public void advance(long done) {
        }
    };

    /** The amount of work, when known in advance. */
    void total(long total);

    /** {@code done} more units are finished. */
    void advance(long done);
}
