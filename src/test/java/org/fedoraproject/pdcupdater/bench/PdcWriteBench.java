package org.fedoraproject.pdcupdater.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcSettings;
import org.fedoraproject.pdcupdater.sandbox.PdcSandbox;
import org.fedoraproject.pdcupdater.sandbox.SandboxSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing rpms to PDC through the real client and the sandbox over HTTP: one request per rpm (what
 * the original pdc-updater did) against bulk requests, in the same run; then paged reads of
 * 100,000 rows. Every successful write request records one changeset, so the changeset count is
 * the number of write requests PDC saw.
 *
 * <p>{@code mvn -B -Pbench test -Dtest=PdcWriteBench}; {@code -Dbench.rpms=N} changes the count.
 */
class PdcWriteBench {

    private static final int RPMS = Integer.getInteger("bench.rpms", 10_000);
    private static final int READ_ROWS = Integer.getInteger("bench.read-rows", 100_000);
    private static final ChangeComment COMMENT = ChangeComment.of("PdcWriteBench");

    @Test
    void oneRequestPerRpmAgainstBulk() {
        double single;
        long singleRequests;
        try (PdcSandbox sandbox = PdcSandbox.start(onDisk("single"))) {
            PdcClient client = client(sandbox);
            long t0 = System.nanoTime();
            for (Map<String, Object> rpm : rpms(0, RPMS)) {
                client.create("rpms", rpm, COMMENT);
            }
            single = (System.nanoTime() - t0) / 1e9;
            singleRequests = client.count("changesets", Map.of());
            assertThat(client.count("rpms", Map.of())).isEqualTo(RPMS);
        }
        double bulk;
        long bulkRequests;
        try (PdcSandbox sandbox = PdcSandbox.start(onDisk("bulk"))) {
            PdcClient client = client(sandbox);
            long t0 = System.nanoTime();
            client.bulkCreate("rpms", rpms(0, RPMS), COMMENT);
            bulk = (System.nanoTime() - t0) / 1e9;
            bulkRequests = client.count("changesets", Map.of());
            assertThat(client.count("rpms", Map.of())).isEqualTo(RPMS);

            for (int from = RPMS; from < READ_ROWS; from += 10_000) {
                client.bulkCreate("rpms", rpms(from, Math.min(READ_ROWS, from + 10_000)), COMMENT);
            }
            long t1 = System.nanoTime();
            long read = client.stream("rpms", Map.of()).count();
            double reading = (System.nanoTime() - t1) / 1e9;
            assertThat(read).isEqualTo(Math.max(READ_ROWS, RPMS));
            System.out.printf("paged read of %,d rpms (pages of 100): %.1f s, %,.0f rows/s%n", read, reading, read / reading);
        }
        System.out.printf("one request per rpm: %,d rpms, %,d requests, %.1f s (%,.0f rpms/s)%n", RPMS, singleRequests,
                single, RPMS / single);
        System.out.printf("bulk (chunks of %d):  %,d rpms, %,d requests, %.1f s (%,.0f rpms/s)%n",
                PdcSettings.DEFAULT_BULK_CHUNK_SIZE, RPMS, bulkRequests, bulk, RPMS / bulk);
        System.out.printf("ratio bulk/single speed: %.1f%n", single / bulk);
    }

    @TempDir
    Path dir;

    /** A file database, as the real sandbox runs: 100,000 rows do not fit the bench heap in memory. */
    private SandboxSettings onDisk(String name) {
        return new SandboxSettings("127.0.0.1", 0, "jdbc:h2:file:" + dir.resolve(name), null, null, false);
    }

    private static PdcClient client(PdcSandbox sandbox) {
        return new PdcClient(PdcSettings.builder(sandbox.apiRoot()).token("bench").build());
    }

    private static List<Map<String, Object>> rpms(int from, int to) {
        List<Map<String, Object>> rpms = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            Map<String, Object> rpm = new LinkedHashMap<>();
            rpm.put("name", "bench" + i);
            rpm.put("epoch", 0);
            rpm.put("version", "1.0");
            rpm.put("release", "1.fc28");
            rpm.put("arch", "x86_64");
            rpm.put("srpm_name", "bench" + i);
            rpm.put("srpm_nevra", "bench" + i + "-0:1.0-1.fc28.src");
            rpms.add(rpm);
        }
        return rpms;
    }
}
