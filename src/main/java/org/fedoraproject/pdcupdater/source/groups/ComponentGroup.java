package org.fedoraproject.pdcupdater.source.groups;

import java.util.List;

/**
 * The packages of one group in one release, as read from git.
 *
 * @param groupType  e.g. {@code atomic-docker-host}
 * @param release    PDC release id, e.g. {@code fedora-27-updates}
 * @param branch     git branch it was read from
 * @param components package names, once each, in file order
 * @param source     where it was read from (for descriptions and audit reports)
 */
public record ComponentGroup(String groupType, String release, String branch, List<String> components,
        String source) {

    public ComponentGroup {
        components = List.copyOf(components);
    }
}
