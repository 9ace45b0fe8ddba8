package org.fedoraproject.pdcupdater.source.distgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.fedoraproject.pdcupdater.sandbox.standin.DistGitStandin;
import org.fedoraproject.pdcupdater.sandbox.standin.FaultInjector;
import org.fedoraproject.pdcupdater.sandbox.standin.StandinServer;
import org.fedoraproject.pdcupdater.source.http.SourceException;
import org.fedoraproject.pdcupdater.source.http.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DistGitClientTest {

    private static final RepoRef VALGRIND = RepoRef.of("rpms", "valgrind");
    private static final RepoRef PHP_ZMQ = RepoRef.of("rpms", "php-zmq");

    private final DistGitStandin distGit = DistGitStandin.load(null);
    private final FaultInjector faults = new FaultInjector(distGit);
    private final StandinServer server = StandinServer.start("127.0.0.1", 0, Map.of("/distgit/", faults));
    private final DistGitClient client = new DistGitClient(TestHttp.CLIENT, TestHttp.fast(server.uri("/distgit/")));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listsTheBranchesOfARepository() {
        assertThat(client.branches(VALGRIND)).hasValue(java.util.List.of("f26", "f27", "master"));
        assertThat(faults.requests()).containsExactly("GET /distgit/api/0/rpms/valgrind/git/branches");
    }

    @Test
    void anUnknownRepositoryHasNoBranches() {
        assertThat(client.branches(RepoRef.of("rpms", "no-such-package"))).isEmpty();
        assertThat(client.branchExists(RepoRef.of("rpms", "no-such-package"), "master")).isFalse();
    }

    @Test
    void tellsWhetherABranchExists() {
        assertThat(client.branchExists(VALGRIND, "f27")).isTrue();
        assertThat(client.branchExists(VALGRIND, "f20")).isFalse();
        assertThat(client.branchExists(RepoRef.of("modules", "testmodule"), "master")).isTrue();
        assertThat(client.branchExists(RepoRef.of("container", "testmodule"), "master")).isFalse();
    }

    @Test
    void aDeadPackageFileMeansRetired() {
        assertThat(client.isRetired(PHP_ZMQ, "EL-6")).isTrue();
        assertThat(client.isRetired(PHP_ZMQ, "devel")).isFalse();
        assertThat(client.isRetired(RepoRef.of("rpms", "no-such-package"), "master")).isFalse();
        assertThat(faults.requests()).first().asString()
                .isEqualTo("HEAD /distgit/rpms/php-zmq/raw/EL-6/f/dead.package");
    }

    @Test
    void retirementsFollowProgrammaticChanges() {
        distGit.retire("rpms", "valgrind", "f26", "Retired: replaced by something better");
        assertThat(client.isRetired(VALGRIND, "f26")).isTrue();

        distGit.unretire("rpms", "valgrind", "f26");
        assertThat(client.isRetired(VALGRIND, "f26")).isFalse();
    }

    @Test
    void anEmptyDeadPackageIsNotSeenBecausePagureAnswers404ForEmptyFiles() {
        distGit.putFile("rpms", "valgrind", "f27", "dead.package", "");

        assertThat(client.isRetired(VALGRIND, "f27")).isFalse();
    }

    @Test
    void branchesFollowProgrammaticChanges() {
        distGit.putBranch("rpms", "valgrind", "f28");
        distGit.removeBranch("rpms", "valgrind", "f26");
        distGit.removeRepo("rpms", "ed");

        assertThat(client.branches(VALGRIND)).hasValue(java.util.List.of("f27", "f28", "master"));
        assertThat(client.branches(RepoRef.of("rpms", "ed"))).isEmpty();
    }

    @Test
    void readsARawFile() {
        assertThat(client.rawText(VALGRIND, "master", "valgrind.spec"))
                .hasValueSatisfying(spec -> assertThat(spec).contains("Name:           valgrind"));
        assertThat(client.rawText(PHP_ZMQ, "EL-6", "dead.package"))
                .hasValueSatisfying(text -> assertThat(text).startsWith("Retired:"));
    }

    @Test
    void aMissingFileBranchOrRepositoryIsEmpty() {
        assertThat(client.rawFile(VALGRIND, "master", "no-such-file")).isEmpty();
        assertThat(client.rawFile(VALGRIND, "f99", "valgrind.spec")).isEmpty();
        assertThat(client.rawFile(RepoRef.of("rpms", "nope"), "master", "nope.spec")).isEmpty();
    }

    @Test
    void projectsWithoutNamespaceAndNamesThatNeedEncodingWork() {
        distGit.putFile("rpms", "libsigc++20", "master", "libsigc++20.spec", "Name: libsigc++20\n");

        assertThat(client.branches(RepoRef.parse("fedora-atomic"))).hasValue(java.util.List.of("f27", "master"));
        assertThat(client.rawText(RepoRef.parse("rpms/libsigc++20"), "master", "libsigc++20.spec"))
                .hasValue("Name: libsigc++20\n");
        assertThat(faults.requests()).last().asString().contains("/rpms/libsigc%2B%2B20/raw/master/f/libsigc%2B%2B20.spec");
    }

    @Test
    void a503IsRetried() {
        faults.failNext(1, 503);

        assertThat(client.isRetired(PHP_ZMQ, "EL-6")).isTrue();
        assertThat(faults.requestCount()).isEqualTo(2);
    }

    @Test
    void a400IsNotRetried() {
        faults.failNext(1, 400);

        assertThatThrownBy(() -> client.isRetired(PHP_ZMQ, "EL-6"))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.url()).endsWith("/distgit/rpms/php-zmq/raw/EL-6/f/dead.package");
                });
        assertThat(faults.requestCount()).isEqualTo(1);
    }

    @Test
    void namespacesMapToPdcComponentTypes() {
        assertThat(DistGitNamespaces.pdcType("rpms")).hasValue("rpm");
        assertThat(DistGitNamespaces.pdcType("modules")).hasValue("module");
        assertThat(DistGitNamespaces.namespace("container")).hasValue("container");
        assertThat(DistGitNamespaces.pdcType("tests")).isEmpty();
    }
}
