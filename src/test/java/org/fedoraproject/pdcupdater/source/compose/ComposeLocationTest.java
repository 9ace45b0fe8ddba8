package org.fedoraproject.pdcupdater.source.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

class ComposeLocationTest {

    @Test
    void pungisLocationWithItsDoubleSlashNamesTheMetadataFiles() {
        ComposeLocation l = ComposeLocation.parse(
                "http://kojipkgs.fedoraproject.org/compose//rawhide/Fedora-24-20151208.n.7/compose");
        assertThat(l.metadata("rpms.json")).isEqualTo(URI.create(
                "http://kojipkgs.fedoraproject.org/compose/rawhide/Fedora-24-20151208.n.7/compose/metadata/rpms.json"));
        assertThat(l.topDirectory()).isEqualTo(URI.create(
                "http://kojipkgs.fedoraproject.org/compose/rawhide/Fedora-24-20151208.n.7/"));
        assertThat(ComposeLocation.ofTopDirectory(l.topDirectory())).isEqualTo(l);
    }

    @Test
    void onlyAbsoluteHttpUrlsAreLocations() {
        assertThatThrownBy(() -> ComposeLocation.parse("/mnt/koji/compose/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ComposeLocation.parse("ftp://a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ComposeLocation.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rewriteMapsAPrefixAndLeavesOthers() {
        LocationRewrite r = LocationRewrite.parse(
                "http://kojipkgs.fedoraproject.org/compose/ -> http://127.0.0.1:8001/compose/, https://a/ -> http://b/x/");
        assertThat(r.apply(ComposeLocation.parse("http://kojipkgs.fedoraproject.org/compose//rawhide/X/compose")))
                .isEqualTo(ComposeLocation.parse("http://127.0.0.1:8001/compose/rawhide/X/compose"));
        assertThat(r.apply(URI.create("https://a/y/"))).isEqualTo(URI.create("http://b/x/y/"));
        assertThat(r.apply(URI.create("https://other/y/"))).isEqualTo(URI.create("https://other/y/"));
        assertThat(LocationRewrite.parse("").isEmpty()).isTrue();
        assertThatThrownBy(() -> LocationRewrite.parse("http://a/ http://b/")).hasMessageContaining("->");
    }
}
