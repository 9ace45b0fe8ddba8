package org.fedoraproject.pdcupdater.handler.branches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fedoraproject.pdcupdater.handler.branches.BranchWorld.fixture;
import static org.fedoraproject.pdcupdater.handler.branches.BranchWorld.insertions;
import static org.fedoraproject.pdcupdater.handler.branches.BranchWorld.push;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.handler.InvalidMessageException;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.resource.GlobalComponents;
import org.fedoraproject.pdcupdater.testsupport.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BranchesHandlerTest {

    private static final ChangeComment SETUP = ChangeComment.of("test setup");

    private final BranchWorld world = BranchWorld.bundled(false);

    @AfterEach
    void stop() {
        world.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "git.receive--TestSCM.json, rpm/valgrind#master rawhide:2222-01-01",
            "git.receive--TestSCMWithNamespace.json, rpm/valgrind#master rawhide:2222-01-01",
            "git.receive--TestGitReceiveLegacyModified.json, rpm/datanommer#master rawhide:2222-01-01",
            "git.receive.valgrind.master--TestSCMLegacy.json, rpm/valgrind#master rawhide:2222-01-01"})
    void eachFixturePushGivesItsBranchTheDefaultSlas(String file, String expected) {
        world.branches.handle(fixture(file));

        assertThat(world.state()).containsExactly(expected);
        String component = expected.substring(4, expected.indexOf('#'));
        assertThat(world.pdc.globalComponents().findByName(component)).map(GlobalComponents.GlobalComponent::name)
                .hasValue(component);
    }

    @Test
    void handlingEveryFixturePushTwiceChangesNothingTheSecondTime() {
        List<String> files = List.of("git.receive--TestSCM.json", "git.receive--TestSCMWithNamespace.json",
                "git.receive--TestGitReceiveLegacyModified.json", "git.receive.valgrind.master--TestSCMLegacy.json");
        files.forEach(f -> world.branches.handle(fixture(f)));
        List<String> once = world.state();
        int writes = world.changesets();

        files.forEach(f -> world.branches.handle(fixture(f)));

        assertThat(world.state()).isEqualTo(once).containsExactly(
                "rpm/datanommer#master rawhide:2222-01-01", "rpm/valgrind#master rawhide:2222-01-01");
        assertThat(world.changesets()).isEqualTo(writes);
    }

    @Test
    void theRawhideSlaTypeIsMadeOnceWhenPdcLacksIt() {
        assertThat(world.pdcClient.findOne("component-sla-types", Map.of("name", "rawhide"))).isEmpty();

        world.branches.handle(fixture("git.receive--TestSCM.json"));
        world.branches.handle(fixture("git.receive--TestGitReceiveLegacyModified.json"));

        assertThat(world.pdcClient.list("component-sla-types", Map.of("name", "rawhide"))).hasSize(1);
    }

    @Test
    void aReleaseBranchGetsItsReleaseSlasAndAnEndedReleaseMakesAnInactiveBranch() {
        world.branches.handle(push("rpms", "valgrind", "f26", "valgrind.spec", insertions(1, 1)));
        world.branches.handle(push("rpms", "R-BSgenome", "epel7", "R-BSgenome.spec", insertions(1, 1)));

        assertThat(world.state()).containsExactly(
                "rpm/R-BSgenome#epel7 bug_fixes:2024-06-30",
                "rpm/R-BSgenome#epel7 security_fixes:2024-06-30",
                "rpm/R-BSgenome#epel7 stable_api:2024-06-30",
                "rpm/valgrind#f26 bug_fixes:2018-07-01",
                "rpm/valgrind#f26 security_fixes:2018-07-01");
        assertThat(world.pdc.componentBranches().find("valgrind", "f26", "rpm").orElseThrow().active()).isFalse();
    }

    @Test
    void theNamespaceGivesTheBranchType() {
        world.branches.handle(push("modules", "testmodule", "master", "testmodule.yaml", insertions(1, 0)));
        world.distGit.putBranch("container", "valgrind", "master");
        world.branches.handle(push("container", "valgrind", "master", "Dockerfile", insertions(1, 0)));

        assertThat(world.state()).containsExactly(
                "container/valgrind#master rawhide:2222-01-01", "module/testmodule#master rawhide:2222-01-01");
    }

    @Test
    void aPagurePushIsNotADistGitPushAndIsIgnored() {
        int before = world.changesets();

        world.branches.handle(fixture("io.pagure.prod.pagure.git.receive--2016-c854f690.json"));

        assertThat(world.changesets()).isEqualTo(before);
        assertThat(world.state()).isEmpty();
    }

    @Test
    void branchesOfNoReleaseAndUnknownNamespacesAreNotTracked() {
        world.distGit.putBranch("rpms", "valgrind", "private-mjw-test");
        world.branches.handle(push("rpms", "valgrind", "private-mjw-test", "valgrind.spec", insertions(1, 0)));
        world.branches.handle(push("tests", "valgrind", "master", "tests.yml", insertions(1, 0)));

        assertThat(world.state()).isEmpty();
    }

    @Test
    void aReleaseWithoutDefaultSlasIsAPermanentFailureNamingTheFix() {
        world.distGit.putBranch("rpms", "valgrind", "f99");

        assertThatThrownBy(() -> world.branches.handle(push("rpms", "valgrind", "f99", "valgrind.spec",
                insertions(1, 0))))
                .isInstanceOf(MissingSlaDefaultsException.class)
                .hasMessageContaining("release.fedora-99").hasMessageContaining("config/branch-slas.properties");
        assertThat(world.state()).isEmpty();
    }

    @Test
    void aReplayedPushToABranchDeletedSinceCreatesNothing() {
        world.distGit.removeBranch("rpms", "valgrind", "f27");

        world.branches.handle(push("rpms", "valgrind", "f27", "valgrind.spec", insertions(1, 0)));

        assertThat(world.state()).isEmpty();
    }

    @Test
    void aCommitWithoutRepoIsAnInvalidMessage() {
        ObjectNode tree = (ObjectNode) Fixtures.json("fedmsg/git.receive--TestSCM.json");
        ((ObjectNode) tree.path("msg").path("commit")).remove("repo");

        assertThatThrownBy(() -> world.branches.handle(BranchWorld.envelope(tree)))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("without repo or branch");
    }

    @Test
    void aMissingSlaIsAddedWithoutRevivingABranchThatWasEndedEarly() {
        // f28 branch ended early (retired) with one SLA; the other default SLA is added ending the same day
        world.distGit.putBranch("rpms", "valgrind", "f28");
        world.pdc.globalComponents().ensure("valgrind", SETUP);
        world.pdc.componentBranches().ensureSla("bug_fixes", LocalDate.parse("2019-02-01"), "valgrind", "f28", "rpm",
                null, SETUP);

        world.branches.handle(push("rpms", "valgrind", "f28", "valgrind.spec", insertions(1, 0)));

        assertThat(world.state()).containsExactly(
                "rpm/valgrind#f28 bug_fixes:2019-02-01", "rpm/valgrind#f28 security_fixes:2019-02-01");
    }
}
