package org.fedoraproject.pdcupdater.handler.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.audit.AuditReport;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.handler.InvalidMessageException;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.handler.depchain.SandboxPdc;
import org.fedoraproject.pdcupdater.pdc.resource.Modules.Dependency;
import org.fedoraproject.pdcupdater.pdc.resource.Modules.Module;
import org.fedoraproject.pdcupdater.reconcile.FailureClassifier;
import org.fedoraproject.pdcupdater.testsupport.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The modules handler against the real sandbox, MBS and Koji stand-ins, all over HTTP. */
class ModulesHandlerTest {

    static final String TOPIC = "org.fedoraproject.prod.mbs.module.state.change";
    static final String UID = "testmodule:master:20180123171544:c2c572ec";

    private SandboxPdc pdc;
    private ModuleTestSystems systems;
    private ModulesHandler handler;

    @BeforeEach
    void setUp() {
        pdc = SandboxPdc.start();
        systems = new ModuleTestSystems();
        handler = new ModulesHandler(pdc.pdc(), systems.mbs, new ModuleRpms(systems.koji));
    }

    @AfterEach
    void tearDown() {
        systems.close();
        pdc.close();
    }

    /** The fixture message ({@code state_wait_msg} of pdc-updater's test_modules.py). */
    static ObjectNode waitMsg() {
        return (ObjectNode) Fixtures.json("fedmsg/mbs.module.state.change--pdc-updater-state_wait_msg.json")
                .get("msg").deepCopy();
    }

    /** {@code state_build_msg} / {@code state_ready_msg}: derived from the wait message as test_modules.py does. */
    static ObjectNode buildMsg() {
        ObjectNode m = waitMsg();
        m.putArray("component_builds").add(91387).add(91388);
        m.put("koji_tag", ModuleTestSystems.MODULE_TAG).put("state", 2).put("state_name", "build")
                .put("time_modified", "2018-01-23T17:31:11Z");
        return m;
    }

    static ObjectNode readyMsg() {
        return waitMsg().put("state_name", "ready").put("state", 5).put("time_completed", "2018-01-23T17:34:06Z")
                .put("time_modified", "2018-01-23T17:34:11Z");
    }

    static ObjectNode stateMsg(String state, int code) {
        return waitMsg().put("state_name", state).put("state", code);
    }

    private void handle(JsonNode msg) {
        handler.handle(SandboxPdc.envelope(TOPIC, msg));
    }

    private Module module() {
        return pdc.pdc().modules().get(UID).orElseThrow();
    }

    @Test
    void waitCreatesTheModuleWithModulemdAndDependenciesFromMbs() {
        handle(waitMsg());

        Module m = module();
        assertThat(m.name()).isEqualTo("testmodule");
        assertThat(m.stream()).isEqualTo("master");
        assertThat(m.version()).isEqualTo("20180123171544");
        assertThat(m.context()).isEqualTo("c2c572ec");
        // The message has no tag yet; MBS knows it by now.
        assertThat(m.kojiTag()).isEqualTo(ModuleTestSystems.MODULE_TAG);
        // PDC (DRF) trims text fields, so the stored YAML lacks the final newline.
        assertThat(m.modulemd()).isEqualTo(systems.mbsStandin.build(1503).orElseThrow().get("modulemd").asText().strip());
        assertThat(m.runtimeDeps()).containsExactly(new Dependency("platform", "f28"));
        assertThat(m.buildDeps()).containsExactly(new Dependency("platform", "f28"));
        assertThat(m.active()).isFalse();
        assertThat(m.rpms()).isEmpty();

        int before = pdc.changesets();
        handle(waitMsg());
        handle(buildMsg());
        assertThat(pdc.changesets()).as("wait again and build change nothing").isEqualTo(before);
        assertThat(pdc.pdc().modules().list(Map.of("name", "testmodule"))).hasSize(1);
    }

    @Test
    void readyActivatesTheModuleAndLinksItsRpmsFromKoji() {
        handle(waitMsg());
        handle(buildMsg());
        handle(readyMsg());

        Module m = module();
        assertThat(m.active()).isTrue();
        assertThat(m.rpms()).containsExactlyInAnyOrder(
                "ed-0:1.14.2-1.module_1503+67eff7c7.src.rpm",
                "ed-0:1.14.2-1.module_1503+67eff7c7.x86_64.rpm",
                "ed-0:1.14.2-1.module_1503+67eff7c7.aarch64.rpm",
                "ed-debuginfo-0:1.14.2-1.module_1503+67eff7c7.x86_64.rpm");
        // The source RPM records the commit MBS built and the branch the modulemd asked for.
        JsonNode srpm = pdc.client().list("rpms/", Map.of("name", "^ed$", "arch", "src")).get(0);
        assertThat(srpm.path("srpm_commit_hash").asText()).isEqualTo("51f529a5cde2b843ed9c7870689d707eaab3a9d1");
        assertThat(srpm.path("srpm_commit_branch").asText()).isEqualTo("master");
        assertThat(srpm.path("srpm_nevra").isNull()).isTrue();
        JsonNode binary = pdc.client().list("rpms/", Map.of("name", "^ed$", "arch", "x86_64")).get(0);
        assertThat(binary.path("srpm_nevra").asText()).isEqualTo(ModuleTestSystems.ED_NVR);
        assertThat(binary.path("srpm_name").asText()).isEqualTo("ed");

        int before = pdc.changesets();
        handle(readyMsg());
        assertThat(pdc.changesets()).as("ready again changes nothing").isEqualTo(before);
    }

    @Test
    void readyFirstCreatesAndCompletesTheModuleInOneGo() {
        handle(readyMsg());
        assertThat(module().active()).isTrue();
        assertThat(module().rpms()).hasSize(4);
    }

    @Test
    void failedAndGarbageMarkTheModuleInactive() {
        handle(readyMsg());
        handle(stateMsg("failed", 4));
        assertThat(module().active()).isFalse();
        int before = pdc.changesets();
        handle(stateMsg("garbage", 6));
        handle(stateMsg("failed", 4));
        assertThat(pdc.changesets()).isEqualTo(before);
        assertThat(module().active()).isFalse();
    }

    @Test
    void failedBeforePdcKnewTheModuleWritesNothing() {
        int before = pdc.changesets();
        handle(stateMsg("failed", 4));
        handle(stateMsg("init", 0));
        assertThat(pdc.changesets()).isEqualTo(before);
        assertThat(pdc.pdc().modules().get(UID)).isEmpty();
    }

    @Test
    void malformedModulemdIsAPermanentFailureAndLeavesPdcUnchanged() {
        int before = pdc.changesets();
        ObjectNode broken = waitMsg().put("id", ModuleTestSystems.BROKEN_ID).put("name", "brokenmodule")
                .put("context", "deadbeef");
        FedmsgEnvelope envelope = SandboxPdc.envelope(TOPIC, broken);

        assertThatThrownBy(() -> handler.handle(envelope))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("malformed modulemd of brokenmodule:master:20180123171544:deadbeef")
                .hasMessageContaining("not valid YAML")
                .satisfies(e -> assertThat(FailureClassifier.isPermanent(e)).isTrue());
        assertThat(pdc.changesets()).isEqualTo(before);
        assertThat(pdc.pdc().modules().list(Map.of("name", "brokenmodule"))).isEmpty();
    }

    @Test
    void messagesWithoutTheModuleKeyAreInvalid() {
        ObjectNode noName = waitMsg();
        noName.remove("name");
        assertThatThrownBy(() -> handle(noName)).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("\"name\"");
        assertThatThrownBy(() -> handle(waitMsg().put("state_name", "exploded")))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("exploded");
    }

    @Test
    void auditFindsMissingAndDifferentModulesAndRepairs() {
        AuditReport empty = handler.audit(AuditRequest.reportOnly());
        // MBS has 1503 (ready) and 1504 (ready, broken modulemd); PDC has neither.
        assertThat(empty.count(org.fedoraproject.pdcupdater.audit.Difference.Kind.ABSENT_FROM_PDC)).isEqualTo(2);

        handle(waitMsg());
        AuditReport afterWait = handler.audit(AuditRequest.reportOnly());
        assertThat(afterWait.firstDifferences()).anySatisfy(d -> {
            assertThat(d.key()).isEqualTo(UID);
            assertThat(d.kind()).isEqualTo(org.fedoraproject.pdcupdater.audit.Difference.Kind.DIFFERENT);
            assertThat(d.source()).contains("active=true");
            assertThat(d.pdc()).contains("active=false");
        });

        systems.mbsStandin.removeBuild(ModuleTestSystems.BROKEN_ID);
        AuditReport repaired = handler.audit(new AuditRequest(true, 100, Progress.SILENT));
        assertThat(repaired.total()).isEqualTo(1);
        assertThat(module().active()).isTrue();
        assertThat(module().rpms()).hasSize(4);
        assertThat(handler.audit(AuditRequest.reportOnly()).clean()).isTrue();
    }

    @Test
    void initializeLoadsEveryModuleBuildAndIsSafeToRepeat() {
        systems.mbsStandin.removeBuild(ModuleTestSystems.BROKEN_ID);
        var first = handler.initialize(Progress.SILENT);
        assertThat(first.examined()).isEqualTo(1);
        assertThat(first.written()).isGreaterThan(0);
        assertThat(module().active()).isTrue();
        int before = pdc.changesets();
        assertThat(handler.initialize(Progress.SILENT).written()).isZero();
        assertThat(pdc.changesets()).isEqualTo(before);
        assertThat(List.of(module().uid())).containsExactly(UID);
    }
}
