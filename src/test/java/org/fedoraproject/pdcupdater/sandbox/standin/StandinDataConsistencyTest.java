package org.fedoraproject.pdcupdater.sandbox.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.source.distgit.DistGitClient;
import org.fedoraproject.pdcupdater.source.distgit.RepoRef;
import org.fedoraproject.pdcupdater.source.fas.FasClient;
import org.fedoraproject.pdcupdater.source.fas.FasCredentials;
import org.fedoraproject.pdcupdater.source.http.TestHttp;
import org.fedoraproject.pdcupdater.source.mbs.MbsClient;
import org.fedoraproject.pdcupdater.source.mbs.ModuleBuild;
import org.fedoraproject.pdcupdater.source.pkgdb.PkgdbClient;
import org.fedoraproject.pdcupdater.source.pkgdb.PkgdbCollection;
import org.fedoraproject.pdcupdater.source.pkgdb.PkgdbPackage;
import org.fedoraproject.pdcupdater.testsupport.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every user, package, branch, retirement and module build the shared fixture messages name is in
 * the bundled stand-in data, read through the real clients over HTTP, so the service can handle
 * the bundled messages offline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandinDataConsistencyTest {

    private StandinServer server;
    private FasClient fas;
    private PkgdbClient pkgdb;
    private DistGitClient distGit;
    private MbsClient mbs;

    @BeforeAll
    void start() {
        server = StandinServer.start("127.0.0.1", 0, StandinSet.bundled().handlers());
        fas = new FasClient(TestHttp.CLIENT, TestHttp.fast(server.uri(StandinSet.FAS_PATH)),
                new FasCredentials("pdcupdater", "any"));
        pkgdb = new PkgdbClient(TestHttp.CLIENT, TestHttp.fast(server.uri(StandinSet.PKGDB_PATH)));
        distGit = new DistGitClient(TestHttp.CLIENT, TestHttp.fast(server.uri(StandinSet.DISTGIT_PATH)));
        mbs = new MbsClient(TestHttp.CLIENT,
                TestHttp.fast(server.uri(StandinSet.MBS_PATH).resolve("module-build-service/1/")));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    static Stream<Path> messages(String prefix) throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.list(Fixtures.path("fedmsg"))) {
            files = all.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
        assertThat(files).as("fixture messages " + prefix + "*").isNotEmpty();
        return files.stream();
    }

    static Stream<Path> fasMessages() throws IOException {
        return messages("fas.user.");
    }

    static Stream<Path> pkgdbMessages() throws IOException {
        return messages("pkgdb.");
    }

    static Stream<Path> gitMessages() throws IOException {
        return messages("git.receive");
    }

    static Stream<Path> mbsMessages() throws IOException {
        return messages("mbs.module.state.change");
    }

    private static JsonNode msg(Path file) {
        return Fixtures.json("fedmsg/" + file.getFileName()).path("msg");
    }

    @ParameterizedTest
    @MethodSource("fasMessages")
    void fasKnowsTheUser(Path file) {
        String user = msg(file).path("user").asText();

        assertThat(fas.personByUsername(user)).hasValueSatisfying(p -> assertThat(p.email()).isNotBlank());
    }

    @ParameterizedTest
    @MethodSource("pkgdbMessages")
    void pkgdbKnowsThePackageOnTheBranchAndItsCollection(Path file) {
        JsonNode m = msg(file);
        JsonNode listing = m.path("package_listing");
        JsonNode pkg = listing.path("package").isObject() ? listing.path("package") : m.path("package");
        JsonNode collection = listing.path("collection").isObject() ? listing.path("collection") : m.path("collection");
        String namespace = pkg.path("namespace").asText("rpms");
        String name = pkg.path("name").asText();
        String branch = collection.path("branchname").asText();

        PkgdbPackage info = pkgdb.packageInfo(namespace, name, true).orElseThrow(
                () -> new AssertionError(file.getFileName() + ": pkgdb lacks " + namespace + "/" + name));
        assertThat(info.listing(branch)).as("%s on %s", name, branch).isPresent();
        PkgdbCollection known = pkgdb.collection(branch).orElseThrow();
        assertThat(known.name()).isEqualTo(collection.path("name").asText());
        assertThat(known.version()).isEqualTo(collection.path("version").asText());
        if ("Retired".equals(m.path("status").asText()) || "retired".equals(m.path("retirement").asText())) {
            assertThat(info.retiredBranches()).contains(branch);
        }
        for (String person : List.of(m.path("agent").asText(""), listing.path("point_of_contact").asText(""))) {
            if (!person.isEmpty() && !person.equals("orphan")) {
                assertThat(fas.personByUsername(person)).as("FAS user %s", person).isPresent();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("gitMessages")
    void distGitHasTheRepositoryAndBranch(Path file) {
        JsonNode commit = msg(file).path("commit");
        RepoRef repo = RepoRef.of(commit.path("namespace").asText("rpms"), commit.path("repo").asText());
        String branch = commit.path("branch").asText();

        assertThat(distGit.branchExists(repo, branch)).as("%s#%s", repo, branch).isTrue();
        assertThat(distGit.isRetired(repo, branch)).isFalse();
        assertThat(pkgdb.packageInfo(repo.namespace(), repo.name(), true)).isPresent();
        if (commit.hasNonNull("username")) {
            assertThat(fas.personByUsername(commit.path("username").asText())).isPresent();
        }
    }

    @ParameterizedTest
    @MethodSource("mbsMessages")
    void mbsHasTheModuleBuild(Path file) {
        JsonNode m = msg(file);

        ModuleBuild build = mbs.moduleBuild(m.path("id").asLong()).orElseThrow();

        assertThat(build.name()).isEqualTo(m.path("name").asText());
        assertThat(build.stream()).isEqualTo(m.path("stream").asText());
        assertThat(build.version()).isEqualTo(m.path("version").asText());
        assertThat(build.context()).isEqualTo(m.path("context").asText());
        assertThat(build.owner()).isEqualTo(m.path("owner").asText());
        assertThat(build.scmurl()).isEqualTo(m.path("scmurl").asText());
        assertThat(build.modulemd()).contains("name: " + m.path("name").asText());
        assertThat(fas.personByUsername(build.owner())).isPresent();
        assertThat(distGit.branchExists(RepoRef.of("modules", build.name()), build.stream())).isTrue();
        assertThat(pkgdb.packageInfo("modules", build.name(), false)).isPresent();
    }
}
