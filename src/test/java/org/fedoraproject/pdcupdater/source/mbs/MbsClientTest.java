package org.fedoraproject.pdcupdater.source.mbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.standin.FaultInjector;
import org.fedoraproject.pdcupdater.sandbox.standin.MbsStandin;
import org.fedoraproject.pdcupdater.sandbox.standin.StandinServer;
import org.fedoraproject.pdcupdater.source.http.SourceException;
import org.fedoraproject.pdcupdater.source.http.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MbsClientTest {

    private final MbsStandin mbs = MbsStandin.load(null);
    private final FaultInjector faults = new FaultInjector(mbs);
    private final StandinServer server = StandinServer.start("127.0.0.1", 0, Map.of("/mbs/", faults));
    private final MbsClient client = new MbsClient(TestHttp.CLIENT,
            TestHttp.fast(server.uri("/mbs/").resolve("module-build-service/1/")));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void readsAModuleBuildWithItsModulemd() {
        ModuleBuild build = client.moduleBuild(1503).orElseThrow();

        assertThat(build.name()).isEqualTo("testmodule");
        assertThat(build.stream()).isEqualTo("master");
        assertThat(build.version()).isEqualTo("20180123171544");
        assertThat(build.context()).isEqualTo("c2c572ec");
        assertThat(build.nsvc()).isEqualTo("testmodule:master:20180123171544:c2c572ec");
        assertThat(build.kojiTag()).isEqualTo("module-ce2adf69caf0e1b5");
        assertThat(build.moduleState()).contains(ModuleState.READY);
        assertThat(build.stateName()).isEqualTo("ready");
        assertThat(build.owner()).isEqualTo("mprahl");
        assertThat(build.componentBuilds()).containsExactly(91387L, 91388L);
        assertThat(build.modulemd()).contains("name: testmodule", "platform: f28");
        assertThat(build.rpmNvrs()).contains("ed-1.14.2-1.module_1503+67eff7c7");
        assertThat(build.tasks()).filteredOn(t -> t.packageName().equals("ed")).singleElement()
                .satisfies(t -> {
                    assertThat(t.format()).isEqualTo("rpms");
                    assertThat(t.state()).isEqualTo(1);
                    assertThat(t.taskId()).isNotNull();
                });
        assertThat(build.timeSubmitted()).isEqualTo("2018-01-23T17:15:57Z");
        assertThat(faults.requests()).containsExactly("GET /mbs/module-build-service/1/module-builds/1503?verbose=true");
    }

    @Test
    void anUnknownIdIsEmpty() {
        assertThat(client.moduleBuild(999999)).isEmpty();
    }

    @Test
    void stateChangesShowInTheNextAnswer() {
        mbs.transition(1503, "garbage");

        assertThat(client.moduleBuild(1503).orElseThrow().moduleState()).contains(ModuleState.GARBAGE);
    }

    @Test
    void listsBuildsAcrossSeveralPages() {
        for (long id = 2000; id < 2007; id++) {
            ObjectNode copy = mbs.build(1503).orElseThrow();
            copy.put("id", id).put("name", "othermodule").put("version", "2018020100000" + (id - 2000));
            mbs.putBuild(copy);
        }

        List<ModuleBuild> builds = client.moduleBuilds(ModuleBuildQuery.byName("othermodule").withPageSize(3)).toList();

        assertThat(builds).extracting(ModuleBuild::id).containsExactly(2006L, 2005L, 2004L, 2003L, 2002L, 2001L, 2000L);
        assertThat(builds).allMatch(b -> b.modulemd() == null);
        assertThat(faults.requests()).hasSize(3).allMatch(r -> r.contains("name=othermodule"));
    }

    @Test
    void verboseListsCarryModulemd() {
        assertThat(client.moduleBuilds(ModuleBuildQuery.byName("testmodule").withVerbose(true)))
                .singleElement().satisfies(b -> assertThat(b.modulemd()).contains("testmodule"));
    }

    @Test
    void aRemovedBuildIsGone() {
        mbs.removeBuild(1503);

        assertThat(client.moduleBuild(1503)).isEmpty();
        assertThat(client.moduleBuilds(ModuleBuildQuery.byName("testmodule"))).isEmpty();
    }

    @Test
    void a503IsRetried() {
        faults.failNext(2, 503);

        assertThat(client.moduleBuild(1503)).isPresent();
        assertThat(faults.requestCount()).isEqualTo(3);
    }

    @Test
    void a400IsNotRetried() {
        faults.failNext(1, 400);

        assertThatThrownBy(() -> client.moduleBuild(1503))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.source()).isEqualTo("MBS");
                });
        assertThat(faults.requestCount()).isEqualTo(1);
    }

    @Test
    void statesMapBothWays() {
        assertThat(ModuleState.ofCode(1)).contains(ModuleState.WAIT);
        assertThat(ModuleState.ofName("done")).contains(ModuleState.DONE);
        assertThat(ModuleState.READY.code()).isEqualTo(5);
        assertThat(ModuleState.ofCode(42)).isEmpty();
    }
}
