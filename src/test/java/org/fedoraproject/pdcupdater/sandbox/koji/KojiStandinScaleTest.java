package org.fedoraproject.pdcupdater.sandbox.koji;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.fedoraproject.pdcupdater.source.koji.KojiClient;
import org.fedoraproject.pdcupdater.source.koji.KojiClientSettings;
import org.fedoraproject.pdcupdater.source.koji.KojiRpm;
import org.junit.jupiter.api.Test;

/**
 * A mass rebuild's worth of data (20,000 builds of 5 RPMs each) generated in code, served and
 * read back: the size the audit and initialize paths and the benchmarks work with.
 */
class KojiStandinScaleTest {

    private static final int BUILDS = 20_000;
    private static final String[] ARCHES = {"src", "x86_64", "aarch64", "noarch", "x86_64"};

    @Test
    void twentyThousandBuildsAreListedStreamedAndTheirRpmsFetchedInFewRequests() {
        KojiData data = KojiData.empty();
        data.addTag(StandinTag.of(data.nextTagId(), "f27"));
        List<Integer> ids = new ArrayList<>(BUILDS);
        for (int i = 0; i < BUILDS; i++) {
            StandinBuild build = data.addBuild(StandinBuild.complete(data.nextBuildId(), "pkg" + i, "1.0",
                    "2.fc27", "releng"));
            String[] names = {"pkg" + i, "pkg" + i, "pkg" + i, "pkg" + i + "-doc", "pkg" + i + "-debuginfo"};
            for (int r = 0; r < 5; r++) {
                data.addRpm(StandinRpm.of(data.nextRpmId(), build, names[r], ARCHES[r]));
            }
            data.tagBuild("f27", build.id());
            ids.add(build.id());
        }
        assertThat(data.rpmCount()).isEqualTo(5 * BUILDS);

        try (KojiStandinServer koji = KojiStandin.start("127.0.0.1", 0, data)) {
            KojiClient client = new KojiClient(KojiClientSettings.defaults(koji.uri())
                    .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(120))
                    .withMulticallBatchSize(1000));

            AtomicLong streamed = new AtomicLong();
            assertThat(client.forEachTagged("f27", true, false, b -> streamed.incrementAndGet())).isEqualTo(BUILDS);
            assertThat(streamed).hasValue(BUILDS);

            long before = koji.standin().requestCount();
            Map<Integer, List<KojiRpm>> rpms = client.listRPMs(ids);
            assertThat(koji.standin().requestCount() - before).isEqualTo(BUILDS / 1000);
            assertThat(rpms).hasSize(BUILDS);
            assertThat(rpms.values()).allSatisfy(list -> assertThat(list).hasSize(5));
            assertThat(rpms.get(ids.get(BUILDS - 1))).extracting(KojiRpm::nvra)
                    .contains("pkg19999-debuginfo-1.0-2.fc27.x86_64");
        }
    }
}
