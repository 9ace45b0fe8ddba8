package org.fedoraproject.pdcupdater.handler.branches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;

import org.fedoraproject.pdcupdater.audit.AuditReport;
import org.fedoraproject.pdcupdater.audit.Difference;
import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.handler.InitializeResult;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BranchesAuditTest {

    private static final ChangeComment SETUP = ChangeComment.of("test setup");

    private final BranchWorld world = BranchWorld.bundled(false);

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void initializeCreatesEveryDistGitBranchOfAReleaseAndThenTheAuditIsClean() {
        InitializeResult result = world.branches.initialize(Progress.SILENT);

        // the 21 dist-git branches of the 11 repositories pkgdb lists (fedora-atomic is no package)
        assertThat(result.examined()).isEqualTo(21);
        assertThat(world.state()).contains(
                "module/testmodule#master rawhide:2222-01-01",
                "rpm/R-BSgenome#epel7 stable_api:2024-06-30",
                "rpm/netbeans-platform8#f10 bug_fixes:2009-12-17",
                "rpm/php-zmq#EL-6 bug_fixes:2020-11-30",
                "rpm/php-zmq#devel rawhide:2222-01-01",
                "rpm/valgrind#f27 security_fixes:2018-12-14");
        assertThat(result.written()).isEqualTo(world.state().size());
        AuditReport audit = world.branches.audit(AuditRequest.reportOnly());
        assertThat(audit.clean()).as("%s", audit.firstDifferences()).isTrue();
        assertThat(audit.compared()).isEqualTo(21);

        InitializeResult again = world.branches.initialize(Progress.SILENT);
        assertThat(again.written()).isZero();
    }

    @Test
    void auditFindsADeletedBranchAndExtraOnesAndRepairsOnlyTheMissingOne() {
        world.branches.initialize(Progress.SILENT);
        List<String> complete = world.state();
        int f27 = world.pdc.componentBranches().find("valgrind", "f27", "rpm").orElseThrow().id();
        world.pdc.componentBranches().delete(f27, SETUP);
        // a branch dist-git does not have, of a package pkgdb knows; and one of a package nobody knows
        world.pdc.componentBranches().ensureSla("bug_fixes", LocalDate.parse("2019-06-08"), "valgrind", "f28", "rpm",
                null, SETUP);
        world.pdc.globalComponents().ensure("ghost", SETUP);
        world.pdc.componentBranches().ensureSla("bug_fixes", LocalDate.parse("2019-06-08"), "ghost", "f28", "rpm",
                null, SETUP);

        AuditReport report = world.branches.audit(AuditRequest.reportOnly());

        assertThat(report.firstDifferences()).extracting(Difference::kind, Difference::key).containsExactlyInAnyOrder(
                tuple(Difference.Kind.ABSENT_FROM_PDC, "rpm/valgrind#f27"),
                tuple(Difference.Kind.ABSENT_FROM_SOURCE, "rpm/valgrind#f28"),
                tuple(Difference.Kind.ABSENT_FROM_SOURCE, "rpm/ghost#f28"));

        AuditReport repaired = world.branches.audit(new AuditRequest(true, 100, Progress.SILENT));
        assertThat(repaired.total()).isEqualTo(3);
        assertThat(world.state()).containsAll(complete);
        AuditReport after = world.branches.audit(AuditRequest.reportOnly());
        assertThat(after.firstDifferences()).extracting(Difference::key)
                .containsExactlyInAnyOrder("rpm/valgrind#f28", "rpm/ghost#f28");
    }
}
