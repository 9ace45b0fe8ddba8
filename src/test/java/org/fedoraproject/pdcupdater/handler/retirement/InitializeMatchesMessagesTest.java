package org.fedoraproject.pdcupdater.handler.retirement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fedoraproject.pdcupdater.handler.branches.BranchWorld.fixture;

import java.util.List;

import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.handler.branches.BranchWorld;
import org.fedoraproject.pdcupdater.sandbox.standin.DistGitStandin;
import org.fedoraproject.pdcupdater.sandbox.standin.PkgdbStandin;
import org.junit.jupiter.api.Test;

/**
 * Handling every fixture message of these topics, and initializing an empty PDC from sources that hold exactly
 * what those messages say, give the same PDC.
 */
class InitializeMatchesMessagesTest {

    private static final List<String> MESSAGES = List.of(
            "git.receive--TestSCM.json",
            "git.receive--TestSCMWithNamespace.json",
            "git.receive--TestGitReceiveLegacyModified.json",
            "git.receive.valgrind.master--TestSCMLegacy.json",
            "pkgdb.package.retire--TestLegacyPkgdbPackageRetire.json",
            "io.pagure.prod.pagure.git.receive--2016-c854f690.json");

    /** dist-git and pkgdb as the messages leave them. */
    private static BranchWorld world() {
        DistGitStandin distGit = DistGitStandin.empty()
                .putFile("rpms", "valgrind", "master", "valgrind.spec", "Name: valgrind\n")
                .putFile("rpms", "datanommer", "master", "datanommer.spec", "Name: datanommer\n")
                .retire("rpms", "php-zmq", "EL-6", "Retired: orphaned");
        PkgdbStandin pkgdb = PkgdbStandin.empty()
                .putPackage("rpms", "valgrind", "Tool for finding memory management bugs")
                .putPackage("rpms", "datanommer", "Storage consumer for the Fedora message bus")
                .putPackage("rpms", "php-zmq", "PHP 0MQ/zmq/zeromq extension");
        return BranchWorld.of(distGit, pkgdb);
    }

    @Test
    void initializeOnAnEmptyPdcGivesTheStateTheMessagesGive() {
        List<String> fromMessages;
        try (BranchWorld world = world()) {
            MESSAGES.forEach(m -> world.dispatch(fixture(m)));
            fromMessages = world.state();
            assertThat(world.branches.audit(AuditRequest.reportOnly()).clean()).isTrue();
            assertThat(world.retirement.audit(AuditRequest.reportOnly()).clean()).isTrue();
        }
        List<String> fromInitialize;
        try (BranchWorld world = world()) {
            world.branches.initialize(Progress.SILENT);
            world.retirement.initialize(Progress.SILENT);
            fromInitialize = world.state();
        }

        assertThat(fromMessages).containsExactly(
                "rpm/datanommer#master rawhide:2222-01-01",
                "rpm/php-zmq#EL-6 bug_fixes:2019-03-01",
                "rpm/php-zmq#EL-6 security_fixes:2019-03-01",
                "rpm/php-zmq#EL-6 stable_api:2019-03-01",
                "rpm/valgrind#master rawhide:2222-01-01");
        assertThat(fromInitialize).isEqualTo(fromMessages);
    }
}
