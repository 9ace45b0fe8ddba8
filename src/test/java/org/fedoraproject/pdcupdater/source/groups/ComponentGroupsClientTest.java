package org.fedoraproject.pdcupdater.source.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedoraproject.pdcupdater.sandbox.standin.DistGitStandin;
import org.fedoraproject.pdcupdater.sandbox.standin.FaultInjector;
import org.fedoraproject.pdcupdater.sandbox.standin.StandinServer;
import org.fedoraproject.pdcupdater.source.distgit.DistGitClient;
import org.fedoraproject.pdcupdater.source.distgit.RepoRef;
import org.fedoraproject.pdcupdater.source.http.SourceException;
import org.fedoraproject.pdcupdater.source.http.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ComponentGroupsClientTest {

    private static final List<String> HOST = List.of("ostree", "rpm-ostree", "docker", "cloud-init", "tar", "rsync",
            "git", "strace", "lsof");
    private static final List<String> BASE = List.of("bash", "coreutils", "glibc", "systemd", "kernel");

    private final DistGitStandin git = DistGitStandin.load(null);
    private final FaultInjector faults = new FaultInjector(git);
    private final StandinServer server = StandinServer.start("127.0.0.1", 0, Map.of("/pagure/", faults));
    private final ComponentGroupsClient client = new ComponentGroupsClient(
            new DistGitClient(TestHttp.CLIENT, TestHttp.fast(server.uri("/pagure/"))));
    private final List<ComponentGroupSpec> bundled = loadBundledConfig();

    @AfterEach
    void stop() {
        server.close();
    }

    private static List<ComponentGroupSpec> loadBundledConfig() {
        try (InputStream in = ComponentGroupsClientTest.class.getClassLoader()
                .getResourceAsStream("sandbox/standin/component-groups.json")) {
            return ComponentGroupConfig.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ComponentGroupSpec spec(Map<String, String> releases, List<String> arches, boolean includes) {
        return new ComponentGroupSpec("atomic-docker-host", RepoRef.parse("fedora-atomic"),
                "fedora-atomic-docker-host.json", releases, arches, includes);
    }

    @Test
    void theBundledConfigurationNamesTheAtomicHostGroup() {
        assertThat(bundled).singleElement().satisfies(s -> {
            assertThat(s.groupType()).isEqualTo("atomic-docker-host");
            assertThat(s.repo()).isEqualTo(RepoRef.of(null, "fedora-atomic"));
            assertThat(s.releases()).containsExactly(Map.entry("fedora-28", "master"),
                    Map.entry("fedora-27-updates", "f27"));
            assertThat(s.followIncludes()).isFalse();
        });
    }

    @Test
    void readsEachReleaseFromItsBranchLikeThePythonHandler() {
        Map<String, Map<String, List<String>>> groups = client.byGroupAndRelease(bundled);

        assertThat(groups).containsOnlyKeys("atomic-docker-host");
        assertThat(groups.get("atomic-docker-host")).containsOnlyKeys("fedora-28", "fedora-27-updates");
        assertThat(groups.get("atomic-docker-host").get("fedora-28")).containsExactlyElementsOf(HOST);
        assertThat(faults.requests()).containsExactly(
                "GET /pagure/fedora-atomic/raw/master/f/fedora-atomic-docker-host.json",
                "GET /pagure/fedora-atomic/raw/f27/f/fedora-atomic-docker-host.json");
    }

    @Test
    void includesAndArchListsAreReadWhenAskedFor() {
        ComponentGroup group = client.fetch(spec(Map.of("fedora-28", "master"), List.of("x86_64"), true),
                "fedora-28").orElseThrow();

        List<String> expected = new java.util.ArrayList<>(BASE);
        expected.addAll(List.of("grub2", "microcode_ctl"));
        expected.addAll(HOST);
        assertThat(group.components()).containsExactlyElementsOf(expected);
        assertThat(group.branch()).isEqualTo("master");
        assertThat(group.source()).endsWith("/pagure/fedora-atomic/raw/master/f/fedora-atomic-docker-host.json");
    }

    @Test
    void aReleaseWhoseBranchHasNoFileIsLeftOut() {
        Map<String, String> releases = new LinkedHashMap<>();
        releases.put("fedora-28", "master");
        releases.put("fedora-26-updates", "f26");

        List<ComponentGroup> groups = client.fetchAll(List.of(spec(releases, List.of(), false)));

        assertThat(groups).extracting(ComponentGroup::release).containsExactly("fedora-28");
    }

    @Test
    void changesToTheFileShowInTheNextRead() {
        git.putFile(null, "fedora-atomic", "f27", "fedora-atomic-docker-host.json", "{\"packages\": [\"podman\"]}");

        assertThat(client.fetch(bundled.get(0), "fedora-27-updates").orElseThrow().components())
                .containsExactly("podman");
    }

    @Test
    void aMissingIncludeFailsRatherThanShrinkingTheGroup() {
        git.removeFile(null, "fedora-atomic", "master", "fedora-atomic-base.json");

        assertThatThrownBy(() -> client.fetch(spec(Map.of("fedora-28", "master"), List.of(), true), "fedora-28"))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("fedora-atomic-base.json", "missing");
                });
    }

    @Test
    void includeCyclesEnd() {
        git.putFile(null, "fedora-atomic", "master", "fedora-atomic-base.json",
                "{\"include\": \"fedora-atomic-docker-host.json\", \"packages\": [\"bash\"]}");

        assertThat(client.fetch(spec(Map.of("fedora-28", "master"), List.of(), true), "fedora-28").orElseThrow()
                .components()).startsWith("bash").containsAll(HOST);
    }

    @Test
    void aReleaseWithoutBranchIsACallerMistake() {
        assertThatThrownBy(() -> client.fetch(bundled.get(0), "fedora-99"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theConfigurationMustNameTypeRepoPathAndReleases() {
        String missingPath = "{\"groups\": [{\"group_type\": \"g\", \"repo\": \"r\", \"releases\": {\"a\": \"b\"}}]}";
        String noReleases = "{\"groups\": [{\"group_type\": \"g\", \"repo\": \"r\", \"path\": \"p\"}]}";

        assertThatThrownBy(() -> ComponentGroupConfig.load(stream(missingPath))).hasMessageContaining("path");
        assertThatThrownBy(() -> ComponentGroupConfig.load(stream(noReleases))).hasMessageContaining("no release");
        assertThatThrownBy(() -> ComponentGroupConfig.load(stream("{}"))).hasMessageContaining("groups");
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
