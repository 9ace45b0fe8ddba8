package org.fedoraproject.pdcupdater.handler.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.audit.AuditReport;
import org.fedoraproject.pdcupdater.audit.Difference;
import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.handler.UnknownReleaseException;
import org.fedoraproject.pdcupdater.handler.depchain.SandboxPdc;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.resource.ComponentGroups.ComponentGroup;
import org.fedoraproject.pdcupdater.pdc.resource.ComponentGroups.Member;
import org.fedoraproject.pdcupdater.pdc.resource.Rpms.NewRpm;
import org.fedoraproject.pdcupdater.sandbox.standin.DistGitStandin;
import org.fedoraproject.pdcupdater.sandbox.standin.StandinServer;
import org.fedoraproject.pdcupdater.source.distgit.DistGitClient;
import org.fedoraproject.pdcupdater.source.distgit.RepoRef;
import org.fedoraproject.pdcupdater.source.groups.ComponentGroupConfig;
import org.fedoraproject.pdcupdater.source.groups.ComponentGroupSpec;
import org.fedoraproject.pdcupdater.source.groups.ComponentGroupsClient;
import org.fedoraproject.pdcupdater.source.http.HttpClients;
import org.fedoraproject.pdcupdater.source.http.HttpSettings;
import org.fedoraproject.pdcupdater.testsupport.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Component groups against the real sandbox and the dist-git stand-in (bundled data: the
 * fedora-atomic project with fedora-atomic-docker-host.json on master and f27), configured by
 * config/component-groups.json (fedora-28 from master, fedora-27-updates from f27).
 */
class ComponentGroupsHandlerTest {

    static final String TOPIC = "org.fedoraproject.prod.git.receive";
    static final String TYPE = "atomic-docker-host";
    static final String FILE = "fedora-atomic-docker-host.json";
    static final Set<String> ATOMIC_HOST = Set.of("ostree", "rpm-ostree", "docker", "cloud-init", "tar", "rsync",
            "git", "strace", "lsof");

    private SandboxPdc pdc;
    private DistGitStandin git;
    private StandinServer gitServer;
    private ComponentGroupsClient groups;
    private List<ComponentGroupSpec> specs;
    private ComponentGroupsHandler handler;

    @BeforeEach
    void setUp() throws IOException {
        pdc = SandboxPdc.start();
        git = DistGitStandin.load(null);
        gitServer = StandinServer.start("127.0.0.1", 0, Map.of("/distgit/", git));
        groups = new ComponentGroupsClient(new DistGitClient(HttpClients.create(),
                HttpSettings.of(gitServer.uri("/distgit/"))));
        try (InputStream in = new FileInputStream("config/component-groups.json")) {
            specs = ComponentGroupConfig.load(in);
        }
        handler = new ComponentGroupsHandler(pdc.pdc(), groups, specs);
    }

    @AfterEach
    void tearDown() {
        gitServer.close();
        pdc.close();
    }

    /** The TestSCM git.receive fixture, pushed to {@code repo} on {@code branch} instead. */
    static ObjectNode push(String namespace, String repo, String branch) {
        ObjectNode msg = (ObjectNode) Fixtures.json("fedmsg/git.receive--TestSCM.json").get("msg").deepCopy();
        ObjectNode commit = (ObjectNode) msg.get("commit");
        commit.put("repo", repo).put("branch", branch);
        if (namespace != null) {
            commit.put("namespace", namespace);
        }
        return msg;
    }

    private void handle(JsonNode msg) {
        handler.handle(SandboxPdc.envelope(TOPIC, msg));
    }

    private Optional<ComponentGroup> group(String release) {
        return pdc.pdc().componentGroups().find(TYPE, release, ComponentGroupsHandler.description(specs.get(0)));
    }

    private Set<String> members(String release) {
        Set<String> names = new TreeSet<>();
        for (Member m : group(release).orElseThrow().components()) {
            names.add(m.name());
        }
        return names;
    }

    @Test
    void aPushToTheGroupsRepositoryMakesTheGroupOfThatBranchsReleaseTheFilesList() {
        handle(push(null, "fedora-atomic", "master"));

        assertThat(pdc.client().count("component-group-types/", Map.of("name", TYPE))).isEqualTo(1);
        assertThat(group("fedora-28")).get().satisfies(g -> {
            assertThat(g.groupType()).isEqualTo(TYPE);
            assertThat(g.release()).isEqualTo("fedora-28");
            assertThat(g.description()).isEqualTo("Deps for atomic-docker-host fedora-atomic/" + FILE);
        });
        assertThat(members("fedora-28")).isEqualTo(new TreeSet<>(ATOMIC_HOST));
        assertThat(group("fedora-27-updates")).as("f27 was not pushed").isEmpty();

        int before = pdc.changesets();
        handle(push(null, "fedora-atomic", "master"));
        assertThat(pdc.changesets()).as("handling again changes nothing").isEqualTo(before);
    }

    @Test
    void aChangedFileUpdatesTheGroupWithSourcePackageNames() {
        handle(push(null, "fedora-atomic", "master"));
        // python3-docker is built from python-docker, which PDC's fedora-28 rpms say.
        pdc.pdc().rpms().ensure(new NewRpm("python3-docker", 0, "2.6.1", "1.fc28", "noarch", "python-docker",
                "python-docker-2.6.1-1.fc28", null, List.of("fedora-28"), null, null, null, null),
                ChangeComment.of("test: fedora-28 rpm"));
        String file = "{\n  \"include\": \"fedora-atomic-base.json\",\n  \"packages\": [\n"
                + "    \"ostree rpm-ostree\", \"docker\", \"python3-docker\", \"cloud-init\",\n"
                + "    \"tar\", \"git\", \"strace lsof\"\n  ]\n}\n";
        git.putFile(null, "fedora-atomic", "master", FILE, file);

        handle(push(null, "fedora-atomic", "master"));

        Set<String> expected = new TreeSet<>(ATOMIC_HOST);
        expected.remove("rsync");
        expected.add("python-docker");
        assertThat(members("fedora-28")).isEqualTo(expected);
        assertThat(pdc.pdc().componentGroups().list(Map.of("group_type", TYPE, "release", "fedora-28"))).hasSize(1);
    }

    @Test
    void pushesToOtherRepositoriesChangeNothing() {
        int before = pdc.changesets();
        handle(Fixtures.json("fedmsg/git.receive--TestSCM.json").get("msg"));
        handle(Fixtures.json("fedmsg/git.receive--TestSCMWithNamespace.json").get("msg"));
        handle(push("rpms", "fedora-atomic", "master"));
        handle(push(null, "fedora-atomic", "some-feature-branch"));
        assertThat(pdc.changesets()).isEqualTo(before);
    }

    @Test
    void aReleasePdcLacksIsAnUnknownReleaseAfterTheOthersAreDone() {
        ComponentGroupSpec withMissing = new ComponentGroupSpec(TYPE, RepoRef.of(null, "fedora-atomic"), FILE,
                Map.of("fedora-28", "master", "fedora-99", "master"), List.of(), false);
        handler = new ComponentGroupsHandler(pdc.pdc(), groups, List.of(withMissing));
        assertThatThrownBy(() -> handle(push(null, "fedora-atomic", "master")))
                .isInstanceOf(UnknownReleaseException.class).hasMessageContaining("fedora-99");
        assertThat(members("fedora-28")).isEqualTo(new TreeSet<>(ATOMIC_HOST));
    }

    @Test
    void aBranchWithoutTheFileLeavesTheGroupAlone() {
        handle(push(null, "fedora-atomic", "master"));
        int before = pdc.changesets();
        git.removeFile(null, "fedora-atomic", "master", FILE);
        handle(push(null, "fedora-atomic", "master"));
        assertThat(pdc.changesets()).isEqualTo(before);
        assertThat(members("fedora-28")).isEqualTo(new TreeSet<>(ATOMIC_HOST));
    }

    @Test
    void auditComparesEachGroupWithItsFileAndRepairs() {
        AuditReport empty = handler.audit(AuditRequest.reportOnly());
        assertThat(empty.count(Difference.Kind.ABSENT_FROM_PDC)).isEqualTo(2L * ATOMIC_HOST.size());

        handle(push(null, "fedora-atomic", "master"));
        handle(push(null, "fedora-atomic", "f27"));
        assertThat(handler.audit(AuditRequest.reportOnly()).clean()).isTrue();

        git.putFile(null, "fedora-atomic", "f27", FILE, "{\"packages\": [\"docker\", \"podman\"]}");
        AuditReport drift = handler.audit(AuditRequest.reportOnly());
        assertThat(drift.count(Difference.Kind.ABSENT_FROM_PDC)).isEqualTo(1);
        assertThat(drift.count(Difference.Kind.ABSENT_FROM_SOURCE)).isEqualTo(ATOMIC_HOST.size() - 1);
        assertThat(drift.firstDifferences()).extracting(Difference::key)
                .contains("atomic-docker-host fedora-27-updates podman", "atomic-docker-host fedora-27-updates rsync");

        handler.audit(new AuditRequest(true, 100, Progress.SILENT));
        assertThat(members("fedora-27-updates")).containsExactly("docker", "podman");
        assertThat(handler.audit(AuditRequest.reportOnly()).clean()).isTrue();
    }

    @Test
    void initializeLoadsEveryGroupAndIsSafeToRepeat() {
        var first = handler.initialize(Progress.SILENT);
        assertThat(first.examined()).isEqualTo(2);
        assertThat(first.written()).isEqualTo(2);
        assertThat(members("fedora-28")).isEqualTo(new TreeSet<>(ATOMIC_HOST));
        assertThat(members("fedora-27-updates")).isEqualTo(new TreeSet<>(ATOMIC_HOST));
        int before = pdc.changesets();
        assertThat(handler.initialize(Progress.SILENT).written()).isZero();
        assertThat(pdc.changesets()).isEqualTo(before);
    }
}
