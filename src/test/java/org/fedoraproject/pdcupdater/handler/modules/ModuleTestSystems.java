package org.fedoraproject.pdcupdater.handler.modules;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiData;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiStandin;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiStandinServer;
import org.fedoraproject.pdcupdater.sandbox.standin.MbsStandin;
import org.fedoraproject.pdcupdater.sandbox.standin.StandinServer;
import org.fedoraproject.pdcupdater.source.http.HttpClients;
import org.fedoraproject.pdcupdater.source.http.HttpSettings;
import org.fedoraproject.pdcupdater.source.koji.KojiClient;
import org.fedoraproject.pdcupdater.source.mbs.MbsClient;

/**
 * The MBS and Koji stand-ins for the module tests, over real HTTP: MBS with its bundled data (build
 * 1503, testmodule, ready) plus build {@value #BROKEN_ID} whose modulemd is not valid YAML; Koji with
 * its bundled data, which holds module 1503's tag with its component build {@code ed} (four RPMs).
 */
final class ModuleTestSystems implements AutoCloseable {

    static final String MODULE_TAG = "module-ce2adf69caf0e1b5";
    static final long BROKEN_ID = 1504;
    static final String ED_NVR = "ed-1.14.2-1.module_1503+67eff7c7";

    final MbsStandin mbsStandin = MbsStandin.load(null);
    final StandinServer mbsServer;
    final KojiStandinServer kojiServer;
    final MbsClient mbs;
    final KojiClient koji;

    ModuleTestSystems() {
        ObjectNode broken = mbsStandin.build(1503).orElseThrow();
        broken.put("id", BROKEN_ID).put("name", "brokenmodule").put("context", "deadbeef")
                .put("modulemd", "document: modulemd\nversion: 2\ndata:\n  name: brokenmodule\n  summary: [unclosed\n");
        mbsStandin.putBuild(broken);
        mbsServer = StandinServer.start("127.0.0.1", 0, Map.of("/mbs/", mbsStandin));
        mbs = new MbsClient(HttpClients.create(), HttpSettings.of(mbsServer.uri("/mbs/").resolve("module-build-service/1/")));

        KojiData data = KojiData.bundled();
        kojiServer = KojiStandin.start("127.0.0.1", 0, data);
        koji = new KojiClient(kojiServer.uri());
    }

    @Override
    public void close() {
        kojiServer.close();
        mbsServer.close();
    }
}
