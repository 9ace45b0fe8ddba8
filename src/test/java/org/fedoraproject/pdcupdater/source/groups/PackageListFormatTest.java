package org.fedoraproject.pdcupdater.source.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class PackageListFormatTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void treefilePackagesAreSplitOnSpacesAndGivenOnce() {
        byte[] treefile = bytes("""
                {"ref": "fedora/rawhide/x86_64/atomic-host",
                 "packages": ["tar", "strace lsof", "git", "tar"],
                 "packages-x86_64": ["grub2"],
                 "packages-aarch64": ["uboot-tools"]}""");

        assertThat(PackageListFormat.packages("host.json", treefile, List.of()))
                .containsExactly("tar", "strace", "lsof", "git");
        assertThat(PackageListFormat.packages("host.json", treefile, List.of("x86_64")))
                .containsExactly("tar", "strace", "lsof", "git", "grub2");
    }

    @Test
    void includesMayBeOneFileOrSeveral() {
        assertThat(PackageListFormat.includes("a.json", bytes("{\"include\": \"base.json\"}"))).containsExactly("base.json");
        assertThat(PackageListFormat.includes("a.json", bytes("{\"include\": [\"b.json\", \"c.json\"]}")))
                .containsExactly("b.json", "c.json");
        assertThat(PackageListFormat.includes("a.json", bytes("{\"packages\": []}"))).isEmpty();
        assertThat(PackageListFormat.includes("list.txt", bytes("include.json"))).isEmpty();
    }

    @Test
    void plainTextListsHaveOneOrMoreNamesPerLineAndComments() {
        byte[] list = bytes("# the ring\nbash\n  coreutils glibc # base\n\nbash\n");

        assertThat(PackageListFormat.packages("ring.txt", list, List.of())).containsExactly("bash", "coreutils", "glibc");
    }

    @Test
    void aBrokenTreefileIsReported() {
        assertThatThrownBy(() -> PackageListFormat.packages("x.json", bytes("{not json"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x.json");
        assertThatThrownBy(() -> PackageListFormat.packages("x.json", bytes("[1, 2]"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON object");
    }
}
