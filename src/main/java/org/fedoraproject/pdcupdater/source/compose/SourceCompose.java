package org.fedoraproject.pdcupdater.source.compose;

/**
 * A finished compose found under the compose root, like the original pdc-updater's {@code old_composes}.
 *
 * @param branch    the directory it is in ({@code rawhide}, {@code branched}, {@code 24}...)
 * @param composeId the compose's directory name, which Pungi makes the compose id
 * @param location  its {@code compose/} directory
 */
public record SourceCompose(String branch, String composeId, ComposeLocation location) {
}
