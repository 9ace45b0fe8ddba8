package org.fedoraproject.pdcupdater.handler.retirement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fedoraproject.pdcupdater.handler.branches.BranchWorld.additions;
import static org.fedoraproject.pdcupdater.handler.branches.BranchWorld.fixture;
import static org.fedoraproject.pdcupdater.handler.branches.BranchWorld.insertions;
import static org.fedoraproject.pdcupdater.handler.branches.BranchWorld.push;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.branches.BranchWorld;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retirement over a sandbox that caches GETs for 30 s like real PDC (errata 1): the branches handler and this one
 * read the same branch within milliseconds of each other's writes.
 */
class RetirementHandlerTest {

    private static final ChangeComment SETUP = ChangeComment.of("test setup");
    /** {@link BranchWorld#TODAY}. */
    private static final String TODAY = "2019-03-01";

    private final BranchWorld world = BranchWorld.bundled(true);

    @AfterEach
    void stop() {
        world.close();
    }

    private static FedmsgEnvelope deadPackage(String repo, String branch, ObjectNode stats) {
        return push("rpms", repo, branch, "dead.package", stats);
    }

    @Test
    void thePkgdbRetireFixtureEndsEverySlaOfTheBranchToday() {
        world.dispatch(fixture("pkgdb.package.retire--TestLegacyPkgdbPackageRetire.json"));

        // php-zmq was not in PDC: made with EPEL 6's SLAs, which end today instead of 2020-11-30
        assertThat(world.state()).containsExactly(
                "rpm/php-zmq#EL-6 bug_fixes:" + TODAY,
                "rpm/php-zmq#EL-6 security_fixes:" + TODAY,
                "rpm/php-zmq#EL-6 stable_api:" + TODAY);
    }

    @Test
    void aDeadPackageCountedAsInsertionsRetires() {
        world.dispatch(deadPackage("iwhd", "master", insertions(1, 0)));

        assertThat(world.state()).containsExactly("rpm/iwhd#master rawhide:" + TODAY);
    }

    @Test
    void aDeadPackageCountedAsAdditionsRetires() {
        world.dispatch(deadPackage("libvmime07", "master", additions(1, 0)));

        assertThat(world.state()).containsExactly("rpm/libvmime07#master rawhide:" + TODAY);
    }

    @Test
    void retiringABranchPdcHasAlreadyOnlyMovesItsEolsEarlier() {
        world.branches.handle(fixture("git.receive--TestSCM.json"));
        world.distGit.retire("rpms", "valgrind", "master", "Retired: obsoleted by valgrind2");
        int before = world.changesets();

        world.retirement.handle(deadPackage("valgrind", "master", insertions(1, 0)));

        assertThat(world.state()).containsExactly("rpm/valgrind#master rawhide:" + TODAY);
        assertThat(world.changesets()).isEqualTo(before + 1);
    }

    @Test
    void handlingTwiceChangesNothingTheSecondTime() {
        List<FedmsgEnvelope> messages = List.of(deadPackage("iwhd", "master", insertions(1, 0)),
                fixture("pkgdb.package.retire--TestLegacyPkgdbPackageRetire.json"));
        messages.forEach(world::dispatch);
        List<String> once = world.state();
        int writes = world.changesets();

        messages.forEach(world::dispatch);

        assertThat(world.state()).isEqualTo(once);
        assertThat(world.changesets()).isEqualTo(writes);
    }

    @Test
    void anEolEarlierThanTodayIsNeverMovedLater() {
        world.pdc.globalComponents().ensure("iwhd", SETUP);
        world.pdc.componentBranches().ensureSlaType("rawhide", "Rawhide", SETUP);
        world.pdc.componentBranches().ensureSla("rawhide", LocalDate.parse("2019-01-15"), "iwhd", "master", "rpm",
                null, SETUP);
        world.pdc.componentBranches().ensureSla("security_fixes", LocalDate.parse("2222-01-01"), "iwhd", "master",
                "rpm", null, SETUP);

        world.dispatch(deadPackage("iwhd", "master", insertions(1, 0)));

        assertThat(world.state()).containsExactly(
                "rpm/iwhd#master rawhide:2019-01-15", "rpm/iwhd#master security_fixes:" + TODAY);
    }

    @Test
    void aPushWithoutDeadPackageRetiresNothing() {
        world.branches.handle(fixture("git.receive--TestSCM.json"));
        int before = world.changesets();

        world.retirement.handle(fixture("git.receive--TestSCM.json"));
        world.retirement.handle(fixture("git.receive--TestGitReceiveLegacyModified.json"));
        world.retirement.handle(fixture("git.receive.valgrind.master--TestSCMLegacy.json"));

        assertThat(world.changesets()).isEqualTo(before);
        assertThat(world.state()).containsExactly("rpm/valgrind#master rawhide:2222-01-01");
    }

    @Test
    void thePagurePushRetiresNothing() {
        world.retirement.handle(fixture("io.pagure.prod.pagure.git.receive--2016-c854f690.json"));

        assertThat(world.changesets()).isZero();
    }

    @Test
    void removingDeadPackageIsAnUnretirementAndRetiresNothing() {
        world.dispatch(deadPackage("valgrind", "f28", insertions(0, 1)));
        world.dispatch(deadPackage("iwhd", "master", additions(0, 1)));

        assertThat(world.state()).containsExactly("rpm/iwhd#master rawhide:2222-01-01");
    }

    @Test
    void aDeadPackageThatIsNotInDistGitNowRetiresNothing() {
        // e.g. a merge from master carrying an intermediate commit that added dead.package
        world.dispatch(deadPackage("valgrind", "master", insertions(1, 0)));

        assertThat(world.state()).containsExactly("rpm/valgrind#master rawhide:2222-01-01");
    }

    @Test
    void retiringABranchWhoseReleaseEndedKeepsItsEndOfLife() {
        world.dispatch(deadPackage("obexftp", "f26", insertions(1, 0)));

        assertThat(world.state()).containsExactly(
                "rpm/obexftp#f26 bug_fixes:2018-07-01", "rpm/obexftp#f26 security_fixes:2018-07-01");
    }
}
