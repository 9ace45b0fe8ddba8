package org.fedoraproject.pdcupdater.handler.rpms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NevraHashesTest {

    @Test
    void findsEveryAddedNevraAndNamesTheBuildsOfThoseNotMarkedPresent() {
        NevraHashes set = new NevraHashes();
        int builds = 5_000;
        for (int b = 0; b < builds; b++) {
            for (int k = 0; k < 7; k++) {
                set.add(nevra(b, k), b);
            }
        }
        set.add(nevra(42, 3), 42); // a repeat counts once
        set.seal();
        assertThat(set.size()).isEqualTo(builds * 7);
        assertThat(set.markPresent("not-there-0:1-1.noarch")).isFalse();

        for (int b = 0; b < builds; b++) {
            for (int k = 0; k < 7; k++) {
                // Builds 17, 999 and 4321 lose one RPM each; every other RPM is present.
                boolean lost = (b == 17 && k == 0) || (b == 999 && k == 6) || (b == 4321 && k == 3);
                if (!lost) {
                    assertThat(set.markPresent(nevra(b, k))).isTrue();
                }
            }
        }
        assertThat(set.absentCount()).isEqualTo(3);
        assertThat(set.buildsWithAbsent()).containsExactly(17, 999, 4321);
        assertThat(set.claimAbsent(nevra(999, 6))).isTrue();
        assertThat(set.claimAbsent(nevra(999, 6))).isFalse();
        assertThat(set.claimAbsent(nevra(999, 5))).isFalse();
        assertThat(set.buildsWithAbsent()).containsExactly(17, 4321);
    }

    private static String nevra(int build, int k) {
        return "pkg" + build + "-sub" + k + "-0:1.0-1.fc28.x86_64";
    }
}
