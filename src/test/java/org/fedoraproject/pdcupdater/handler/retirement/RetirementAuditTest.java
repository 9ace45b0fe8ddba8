package org.fedoraproject.pdcupdater.handler.retirement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;

import org.fedoraproject.pdcupdater.audit.AuditReport;
import org.fedoraproject.pdcupdater.audit.Difference;
import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.handler.InitializeResult;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.handler.branches.BranchWorld;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.resource.ComponentBranches.SlaLink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetirementAuditTest {

    private static final ChangeComment SETUP = ChangeComment.of("test setup");

    private final BranchWorld world = BranchWorld.bundled(false);

    @AfterEach
    void stop() {
        world.close();
    }

    private void setEol(String component, String branch, String eol) {
        for (SlaLink link : world.pdc.componentBranches().find(component, branch, "rpm").orElseThrow().slas()) {
            world.pdc.componentBranches().setEol(link.id(), LocalDate.parse(eol), SETUP);
        }
    }

    @Test
    void initializeRetiresTheBranchesRetiredInDistGitThatStillRun() {
        world.branches.initialize(Progress.SILENT);

        InitializeResult result = world.retirement.initialize(Progress.SILENT);

        // running on 2019-03-01: 8 master branches, php-zmq#devel, R-BSgenome#epel7, 2 EL-6; retired among them:
        // iwhd, libvmime07 and netbeans-platform8 on master (1 SLA each), php-zmq on EL-6 (3 SLAs)
        assertThat(result.examined()).isEqualTo(12);
        assertThat(result.written()).isEqualTo(6);
        assertThat(world.state()).contains("rpm/iwhd#master rawhide:2019-03-01",
                "rpm/php-zmq#EL-6 stable_api:2019-03-01", "rpm/python-sh#EL-6 stable_api:2020-11-30",
                "rpm/iwhd#f26 bug_fixes:2018-07-01", "rpm/valgrind#master rawhide:2222-01-01");
        assertThat(world.retirement.audit(AuditRequest.reportOnly()).clean()).isTrue();
        assertThat(world.retirement.initialize(Progress.SILENT).written()).isZero();
    }

    @Test
    void auditFindsRetiredButRunningAndEndedButActiveAndRepairsOnlyTheFirst() {
        world.branches.initialize(Progress.SILENT);
        world.retirement.initialize(Progress.SILENT);
        setEol("iwhd", "master", "2222-01-01");       // retired in dist-git, running in PDC
        setEol("valgrind", "master", "2019-01-01");   // not retired in dist-git, ended in PDC

        AuditReport report = world.retirement.audit(AuditRequest.reportOnly());

        assertThat(report.firstDifferences()).extracting(Difference::kind, Difference::key, Difference::source)
                .containsExactlyInAnyOrder(
                        tuple(Difference.Kind.DIFFERENT, "rpm/iwhd#master", "retired in dist-git"),
                        tuple(Difference.Kind.DIFFERENT, "rpm/valgrind#master", "active in dist-git"));
        assertThat(report.compared()).isEqualTo(21);

        world.retirement.audit(new AuditRequest(true, 100, Progress.SILENT));

        assertThat(world.state()).contains("rpm/iwhd#master rawhide:2019-03-01", "rpm/valgrind#master rawhide:2019-01-01");
        assertThat(world.retirement.audit(AuditRequest.reportOnly()).firstDifferences()).extracting(Difference::key)
                .containsExactly("rpm/valgrind#master");
    }
}
