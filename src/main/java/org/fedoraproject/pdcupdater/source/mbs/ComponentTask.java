package org.fedoraproject.pdcupdater.source.mbs;

/**
 * One component build of a module, from the {@code tasks} map of a module build.
 *
 * @param format      {@code rpms} (the only format MBS builds)
 * @param packageName e.g. {@code ed}, or {@code module-build-macros}
 * @param taskId      the koji task, null before submission
 * @param state       koji's build state number (1 = complete), null before submission
 * @param stateReason why it failed, usually null
 * @param nvr         name-version-release once built, else null
 */
public record ComponentTask(String format, String packageName, Long taskId, Integer state, String stateReason,
        String nvr) {
}
