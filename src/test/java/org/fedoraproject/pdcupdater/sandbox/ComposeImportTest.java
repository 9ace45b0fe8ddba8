package org.fedoraproject.pdcupdater.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** compose-images/ with the real Fedora fixtures and compose-rpms/ with a generated manifest. */
class ComposeImportTest extends SandboxTestBase {
    static final Path COMPOSE = Path.of(System.getProperty("shared.dir", "../shared"), "fixtures", "compose");

    static String read(String name) {
        try {
            return Files.readString(COMPOSE.resolve(name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void importsFixtureImagesAndListsThem() {
        String body = "{\"release_id\": \"fedora-24\", \"composeinfo\": " + read("composeinfo.json")
                + ", \"image_manifest\": " + read("images.json") + "}";
        // armhfp is not seeded (pdc-api.md 2.2), exactly like real PDC
        var noArch = c.post("compose-images/", body);
        assertThat(noArch.status()).isEqualTo(404);
        assertThat(noArch.body().get("detail").asText()).isEqualTo("Not found:  Arch matching query does not exist.");
        assertThat(c.get("composes/Fedora-24-20151130.n.2/").status()).isEqualTo(404); // rolled back

        assertThat(c.post("arches/", j("{'name': 'armhfp'}")).status()).isEqualTo(201);
        var ok = c.post("compose-images/", body);
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.body().get("compose").asText()).isEqualTo("Fedora-24-20151130.n.2");
        assertThat(ok.body().get("imported images").asInt()).isEqualTo(11);
        var again = c.post("compose-images/", body); // idempotent
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body().get("imported images").asInt()).isEqualTo(11);

        var images = c.get("images/?page_size=-1");
        assertThat(images.body().size()).isEqualTo(11);
        JsonNode first = images.body().get(0);
        assertThat(first.get("composes").get(0).asText()).isEqualTo("Fedora-24-20151130.n.2");
        assertThat(first.get("image_format").asText()).isEqualTo("iso");
        assertThat(c.get("images/?compose=Fedora-24-20151130.n.2&arch=armhfp").body().get("count").asInt()).isPositive();

        var compose = c.get("composes/Fedora-24-20151130.n.2/");
        assertThat(compose.status()).isEqualTo(200);
        assertThat(compose.body().get("compose_type").asText()).isEqualTo("nightly");
        assertThat(compose.body().get("compose_date").asText()).isEqualTo("2015-11-30");
        assertThat(compose.body().get("acceptance_testing").asText()).isEqualTo("untested");
        assertThat(compose.body().get("rpm_mapping_template").asText()).endsWith("/rest_api/v1/composes/Fedora-24-20151130.n.2/rpm-mapping/{{package}}/");
        assertThat(c.get("releases/fedora-24/").body().get("compose_set").get(0).asText()).isEqualTo("Fedora-24-20151130.n.2");

        var manifest = c.get("compose-images/Fedora-24-20151130.n.2/");
        assertThat(manifest.body().get("payload").get("compose").get("id").asText()).isEqualTo("Fedora-24-20151130.n.2");
        assertThat(manifest.body().get("payload").get("images").get("Cloud").get("x86_64").get(0).get("path").asText())
                .isEqualTo("Cloud/x86_64/iso/Fedora-24-20151130.n.2-Cloud-x86_64-boot.iso");

        var notes = c.get("changesets/?resource=notice");
        assertThat(notes.body().get("count").asInt()).isEqualTo(2);
    }

    @Test
    void importErrors() {
        String ci = read("composeinfo.json");
        var missing = c.post("compose-images/", "{\"release_id\": \"fedora-24\", \"composeinfo\": " + ci + "}");
        assertThat(missing.body().get("image_manifest").get(0).asText()).isEqualTo("This field is required");
        var illegal = c.post("compose-rpms/", "{\"release_id\": \"fedora-24\", \"composeinfo\": " + ci
                + ", \"rpm_manifest\": {}, \"extra\": 1}");
        assertThat(illegal.body().get("extra").get(0).asText()).isEqualTo("This field is illegal");
        var release = c.post("compose-images/", "{\"release_id\": \"fedora-99\", \"composeinfo\": " + ci
                + ", \"image_manifest\": " + read("images.json") + "}");
        assertThat(release.status()).isEqualTo(404);
        assertThat(release.body().get("detail").asText()).isEqualTo("Not found:  Release matching query does not exist.");
        var inconsistent = c.post("compose-rpms/", "{\"release_id\": \"fedora-24\", \"composeinfo\": " + ci
                + ", \"rpm_manifest\": " + RpmManifests.generate("Fedora-24-20151130.n.3", 1) + "}");
        assertThat(inconsistent.status()).isEqualTo(400);
        assertThat(inconsistent.body().get("detail").get(0).asText())
                .isEqualTo("Inconsistent data: different compose id in composeinfo and rpms file.");
        assertThat(c.get("compose-rpms/").status()).isEqualTo(405);
        assertThat(c.post("composes/", "{}").status()).isEqualTo(405);
    }

    @Test
    void importsGeneratedRpmManifest() {
        c.post("arches/", j("{'name': 'armhfp'}"));
        String ci = read("composeinfo.json");
        String manifest = RpmManifests.generate("Fedora-24-20151130.n.2", 50);
        String body = "{\"rpm_manifest\": " + manifest + ", \"release_id\": \"fedora-24\", \"composeinfo\": " + ci + "}";
        var r = c.post("compose-rpms/", body);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().get("compose").asText()).isEqualTo("Fedora-24-20151130.n.2");
        // 50 source packages x (1 src + 2 binaries) in Everything/x86_64; entries for an unknown variant are ignored
        assertThat(r.body().get("imported rpms").asInt()).isEqualTo(150);
        assertThat(c.post("compose-rpms/", body).body().get("imported rpms").asInt()).isEqualTo(150);
        assertThat(c.get("rpms/").body().get("count").asInt()).isEqualTo(150);
        assertThat(c.get("rpms/?compose=Fedora-24-20151130.n.2&arch=src").body().get("count").asInt()).isEqualTo(50);
        JsonNode src = c.get("rpms/?name=%5Epkg7%24&arch=src").body().get("results").get(0);
        assertThat(src.get("srpm_nevra").isNull()).isTrue();
        assertThat(src.get("linked_composes").get(0).asText()).isEqualTo("Fedora-24-20151130.n.2");
        JsonNode bin = c.get("rpms/?name=%5Epkg7-libs%24").body().get("results").get(0);
        assertThat(bin.get("srpm_nevra").asText()).isEqualTo("pkg7-0:1.0-1.fc24.src");
        assertThat(bin.get("srpm_name").asText()).isEqualTo("pkg7");

        var compose = c.get("composes/Fedora-24-20151130.n.2/").body();
        assertThat(compose.get("sigkeys").get(0).asText()).isEqualTo("81b46521");
        assertThat(c.get("composes/?rpm_name=pkg7-libs").body().get("count").asInt()).isEqualTo(1);
        assertThat(c.get("composes/?rpm_nvr=pkg7-1.0-1.fc24").body().get("count").asInt()).isEqualTo(1);

        var exported = c.get("compose-rpms/Fedora-24-20151130.n.2/").body();
        JsonNode entry = exported.get("payload").get("rpms").get("Everything").get("x86_64")
                .get("pkg7-0:1.0-1.fc24.src").get("pkg7-libs-0:1.0-1.fc24.x86_64");
        assertThat(entry.get("path").asText()).isEqualTo("Everything/x86_64/os/Packages/p/pkg7-libs-1.0-1.fc24.x86_64.rpm");
        assertThat(entry.get("sigkey").asText()).isEqualTo("81b46521");

        // once acceptance changed, a re-import clashes like real PDC's second get-or-create
        assertThat(c.patch("composes/Fedora-24-20151130.n.2/", j("{'acceptance_testing': 'passed'}")).status()).isEqualTo(200);
        assertThat(c.post("compose-rpms/", body).status()).isEqualTo(400);
        var put = c.put("composes/Fedora-24-20151130.n.2/", "{}");
        assertThat(put.status()).isEqualTo(405);
        var other = c.patch("composes/Fedora-24-20151130.n.2/", j("{'compose_type': 'test'}"));
        assertThat(other.body().get("detail").asText())
                .isEqualTo("Only these properties can be updated: acceptance_testing, linked_releases, rtt_tested_architectures");
        assertThat(c.delete("composes/Fedora-24-20151130.n.2/", null).status()).isEqualTo(204);
        var again = c.delete("composes/Fedora-24-20151130.n.2/", null);
        assertThat(again.status()).isEqualTo(204);
        assertThat(again.header("pdc-warning")).isEqualTo("No change. This compose was marked as deleted already.");
        assertThat(c.get("composes/?deleted=true").body().get("count").asInt()).isEqualTo(1);
    }

    @Test
    void linksWhileReadingInEitherOrderAndAFailureLateInTheManifestKeepsNothing() {
        c.post("arches/", j("{'name': 'armhfp'}"));
        String ci = read("composeinfo.json");
        String manifest = RpmManifests.generate("Fedora-24-20151130.n.2", 50);
        // The updater's order (composeinfo before the manifest): entries are linked as they are read.
        String bad = manifest.replace("\"pkg49-devel-0:1.0-1.fc24.x86_64\": {\"path\": \"Everything/x86_64/os/Packages/p/"
                + "pkg49-devel-1.0-1.fc24.x86_64.rpm\", \"sigkey\": \"81b46521\"", "\"pkg49-devel-0:1.0-1.fc24.x86_64\": "
                + "{\"path\": \"Everything/x86_64/os/Packages/p/pkg49-devel-1.0-1.fc24.x86_64.rpm\", \"sigkey\": \"nothex!!\"");
        assertThat(bad).isNotEqualTo(manifest);
        var refused = c.post("compose-rpms/", "{\"release_id\": \"fedora-24\", \"composeinfo\": " + ci
                + ", \"rpm_manifest\": " + bad + "}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("detail").get(0).asText()).isEqualTo("Invalid sigkey: nothex!!");
        // The 149 entries before it were written, and rolled back with the compose.
        assertThat(c.get("rpms/").body().get("count").asInt()).isZero();
        assertThat(c.get("composes/Fedora-24-20151130.n.2/").status()).isEqualTo(404);
        // Field errors still come first, as in PDC, although the manifest was read before the extra key.
        var illegal = c.post("compose-rpms/", "{\"release_id\": \"fedora-24\", \"composeinfo\": " + ci
                + ", \"rpm_manifest\": " + bad + ", \"extra\": 1}");
        assertThat(illegal.body().get("extra").get(0).asText()).isEqualTo("This field is illegal");

        var direct = c.post("compose-rpms/", "{\"release_id\": \"fedora-24\", \"composeinfo\": " + ci
                + ", \"rpm_manifest\": " + manifest + "}");
        assertThat(direct.body().get("imported rpms").asInt()).isEqualTo(150);
        JsonNode directExport = c.get("compose-rpms/Fedora-24-20151130.n.2/").body();
        // The manifest first: staged, then linked, to the same result; and a re-import is a no-op.
        var staged = c.post("compose-rpms/", "{\"rpm_manifest\": " + manifest + ", \"release_id\": \"fedora-24\", "
                + "\"composeinfo\": " + ci + "}");
        assertThat(staged.body().get("imported rpms").asInt()).isEqualTo(150);
        assertThat(c.get("compose-rpms/Fedora-24-20151130.n.2/").body()).isEqualTo(directExport);
        assertThat(c.get("rpms/").body().get("count").asInt()).isEqualTo(150);
    }
}
