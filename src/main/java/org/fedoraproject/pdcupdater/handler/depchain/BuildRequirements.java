package org.fedoraproject.pdcupdater.handler.depchain;

import java.util.Set;

/**
 * What one build needs and offers, by capability name (versions dropped, as the original did: a
 * relationship records that there is a dependency, not its range).
 *
 * @param component       the build's package name: the release component the relationships start from
 * @param buildRequires   requirements of its source RPM (BuildRequires)
 * @param runtimeRequires requirements of its binary RPMs
 * @param ownProvides     its binary RPMs' names and provides: requirements met inside the build itself
 *                        ({@code template-glib-devel} requiring {@code template-glib(x86-64)}) are no
 *                        relationship to another component
 */
public record BuildRequirements(String component, Set<String> buildRequires, Set<String> runtimeRequires,
        Set<String> ownProvides) {

    public BuildRequirements {
        buildRequires = Set.copyOf(buildRequires);
        runtimeRequires = Set.copyOf(runtimeRequires);
        ownProvides = Set.copyOf(ownProvides);
    }
}
