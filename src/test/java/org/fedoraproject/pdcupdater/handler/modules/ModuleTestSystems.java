package org.fedoraproject.pdcupdater.handler.modules;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiData;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiStandin;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiStandinServer;
import org.fedoraproject.pdcupdater.sandbox.koji.StandinBuild;
import org.fedoraproject.pdcupdater.sandbox.koji.StandinRpm;
import org.fedoraproject.pdcupdater.sandbox.koji.StandinTag;
import org.fedoraproject.pdcupdater.sandbox.standin.MbsStandin;
import org.fedoraproject.pdcupdater.sandbox.standin.StandinServer;
import org.fedoraproject.pdcupdater.source.http.HttpClients;
import org.fedoraproject.pdcupdater.source.http.HttpSettings;
import org.fedoraproject.pdcupdater.source.koji.KojiClient;
import org.fedoraproject.pdcupdater.source.mbs.MbsClient;

/**
 * The MBS and Koji stand-ins for the module tests, over real HTTP: MBS with its bundled data (build
 * 1503, testmodule, ready) plus build {@value #BROKEN_ID} whose modulemd is not valid YAML; Koji with
 * its bundled data plus module 1503's tag and component build {@code ed}, which the bundled Koji data
 * does not have (its module tag is another module's).
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
        data.addTag(StandinTag.of(data.nextTagId(), MODULE_TAG));
        StandinBuild ed = data.addBuild(StandinBuild.complete(1020113, "ed", "1.14.2", "1.module_1503+67eff7c7", "mbs"));
        int rpmId = 12584400;
        for (String[] rpm : new String[][] {{"ed", "src"}, {"ed", "x86_64"}, {"ed-debuginfo", "x86_64"},
                {"ed", "aarch64"}}) {
            data.addRpm(StandinRpm.of(rpmId++, ed, rpm[0], rpm[1]));
        }
        data.tagBuild(MODULE_TAG, ed.id());
        kojiServer = KojiStandin.start("127.0.0.1", 0, data);
        koji = new KojiClient(kojiServer.uri());
    }

    @Override
    public void close() {
        kojiServer.close();
        mbsServer.close();
    }
}
