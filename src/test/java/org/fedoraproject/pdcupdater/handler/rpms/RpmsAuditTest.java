package org.fedoraproject.pdcupdater.handler.rpms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.audit.AuditReport;
import org.fedoraproject.pdcupdater.audit.Difference;
import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.handler.InitializeResult;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit and initialize faces against the real PDC sandbox and the Koji stand-in's bundled data. */
class RpmsAuditTest {

    private static final ChangeComment TEST = ChangeComment.of("test setup");
    private RpmsSystems systems;
    private RpmsHandler handler;

    @BeforeEach
    void setUp() {
        systems = new RpmsSystems();
        // f28 holds template-glib 3.25.92 and 3.25.3 and jetty (22 + 22 + 6 RPMs); f27 holds the last two.
        handler = systems.handler("f28", "f27", "f27-gnome");
    }

    @AfterEach
    void tearDown() {
        systems.close();
    }

    @Test
    void initializeLinksEveryRpmOfEveryTaggedBuildAndIsSafeToRunAgain() {
        InitializeResult result = handler.initialize(Progress.SILENT);

        assertThat(systems.rowsLinkedTo("fedora-28")).hasSize(50);
        assertThat(systems.rowsLinkedTo("fedora-27")).hasSize(28);
        assertThat(systems.rows()).hasSize(50);
        assertThat(result.examined()).isEqualTo(78);
        assertThat(result.written()).isEqualTo(78); // 50 created, 28 existing rows linked to fedora-27

        List<JsonNode> before = systems.rows();
        int changesets = systems.changesets();
        InitializeResult again = handler.initialize(Progress.SILENT);
        assertThat(again.written()).isZero();
        assertThat(systems.rows()).isEqualTo(before);
        assertThat(systems.changesets()).isEqualTo(changesets);
    }

    @Test
    void initializeLeavesThePdcStateThatHandlingEveryTagMessageLeaves() {
        handler.initialize(Progress.SILENT);

        RpmsSystems handled = new RpmsSystems();
        try {
            RpmsHandler other = handled.handler();
            KojiData koji = KojiData.bundled();
            for (String tag : List.of("f28", "f27")) {
                for (int buildId : koji.taggedNewestFirst(tag)) {
                    var build = koji.build(buildId).orElseThrow();
                    other.handle(RpmsSystems.edited(RpmsHandlerTest.TAG_F28, msg -> {
                        msg.put("tag", tag);
                        msg.put("build_id", buildId);
                        msg.put("name", build.name());
                        msg.put("version", build.version());
                        msg.put("release", build.release());
                    }));
                }
            }
            assertThat(handled.rows()).hasSize(50).isEqualTo(systems.rows());
        } finally {
            handled.close();
        }
    }

    @Test
    void anAuditOfAnInitializedPdcIsClean() {
        handler.initialize(Progress.SILENT);

        AuditReport report = handler.audit(AuditRequest.reportOnly());

        assertThat(report.clean()).isTrue();
        assertThat(report.compared()).isEqualTo(78);
    }

    @Test
    void theAuditFindsAnRpmPdcLostAndAnExtraLinkedOneAndRepairsBoth() {
        handler.initialize(Progress.SILENT);
        JsonNode lost = systems.pdc.list("rpms", Map.of("filename", "jetty-io-9.4.6-2.v20170531.fc27.noarch.rpm"))
                .get(0);
        // PDC has no DELETE for rpms: the row losing its link is how an RPM goes missing from a release.
        systems.pdc.patch("rpms", lost.path("id").asInt(), Map.of("linked_releases", List.of("fedora-27")), TEST);
        systems.pdc.create("rpms", Map.of("name", "ghost", "epoch", 0, "version", "1.0", "release", "1.fc28",
                "arch", "x86_64", "srpm_name", "ghost", "srpm_nevra", "ghost-0:1.0-1.fc28.src",
                "linked_releases", List.of("fedora-28")), TEST);

        AuditReport report = handler.audit(new AuditRequest(false, 100, Progress.SILENT));

        assertThat(report.count(Difference.Kind.ABSENT_FROM_PDC)).isEqualTo(1);
        assertThat(report.count(Difference.Kind.ABSENT_FROM_SOURCE)).isEqualTo(1);
        assertThat(report.count(Difference.Kind.DIFFERENT)).isZero();
        assertThat(report.firstDifferences()).extracting(Difference::key).containsExactlyInAnyOrder(
                "fedora-28 jetty-io-0:9.4.6-2.v20170531.fc27.noarch", "fedora-28 ghost-0:1.0-1.fc28.x86_64");

        AuditReport repaired = handler.audit(new AuditRequest(true, 100, Progress.SILENT));
        assertThat(repaired.total()).isEqualTo(2);

        assertThat(handler.audit(AuditRequest.reportOnly()).clean()).isTrue();
        assertThat(systems.pdc.list("rpms", Map.of("name", "^ghost$")).get(0).path("linked_releases")).isEmpty();
        assertThat(systems.pdc.get("rpms", lost.path("id").asInt()).path("linked_releases"))
                .extracting(JsonNode::asText).containsExactlyInAnyOrder("fedora-27", "fedora-28");
    }

    @Test
    void theAuditSeesABuildUntaggedInKoji() {
        handler.initialize(Progress.SILENT);
        systems.koji.data().untagBuild("f28", 920410); // jetty: 6 RPMs

        AuditReport report = handler.audit(new AuditRequest(true, 100, Progress.SILENT));

        assertThat(report.count(Difference.Kind.ABSENT_FROM_SOURCE)).isEqualTo(6);
        assertThat(report.count(Difference.Kind.ABSENT_FROM_PDC)).isZero();
        assertThat(systems.rowsLinkedTo("fedora-28")).hasSize(44);
        assertThat(systems.rowsLinkedTo("fedora-27")).hasSize(28);
    }
}
