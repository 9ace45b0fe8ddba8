package org.fedoraproject.pdcupdater.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ReleaseMappingTest {

    private final ReleaseMapping mapping = ReleaseMapping.load(Path.of("config/release-mapping.properties"));

    @Test
    void branchesOfTheBundledMappingGoToTheirReleases() {
        assertThat(mapping.releaseForBranch("master")).contains("fedora-rawhide");
        assertThat(mapping.releaseForBranch("rawhide")).contains("fedora-rawhide");
        assertThat(mapping.releaseForBranch("f25")).contains("fedora-25");
        assertThat(mapping.releaseForBranch("epel7")).contains("epel-7");
        assertThat(mapping.releaseForBranch("el6")).contains("epel-6");
        assertThat(mapping.releaseForBranch("private-foo")).isEmpty();
    }

    @Test
    void onlyTagsThatFeedAReleaseMap() {
        assertThat(mapping.releaseForTag("f26")).contains("fedora-26");
        assertThat(mapping.releaseForTag("f26-updates")).contains("fedora-26-updates");
        assertThat(mapping.releaseForTag("epel7")).contains("epel-7");
        assertThat(mapping.releaseForTag("f26-updates-candidate")).isEmpty();
        assertThat(mapping.releaseForTag("f27-pending")).isEmpty();
        assertThat(mapping.releaseForTag(null)).isEmpty();
    }
}
