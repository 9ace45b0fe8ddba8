package org.fedoraproject.pdcupdater.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures (prints, never asserts on time) bulk create of 10,000 RPMs in chunks, paging through 100,000
 * RPMs at page_size=100, and a streamed compose-rpms import of a generated manifest.
 */
class SandboxThroughputBench {

    @Test
    void bulkCreateAndPagedReads() throws IOException {
        try (PdcSandbox sandbox = PdcSandbox.start(SandboxSettings.inMemory("perf" + System.nanoTime()))) {
            SandboxClient c = new SandboxClient(sandbox.apiRoot());

            long t0 = System.nanoTime();
            bulkRpms(c, 0, 10_000, 1_000);
            double bulk = (System.nanoTime() - t0) / 1e9;
            System.out.printf("PERF bulk create: 10,000 rpms in chunks of 1,000: %.2f s (%.0f rpms/s)%n", bulk, 10_000 / bulk);
            assertThat(c.get("rpms/?page_size=1").body().get("count").asInt()).isEqualTo(10_000);

            // Fill to 100,000 through the streamed compose import (30,000 packages x 3 rpms) to keep setup short.
            Path manifest = Files.createTempFile("rpms", ".json");
            try {
                try (Writer w = Files.newBufferedWriter(manifest, StandardCharsets.UTF_8)) {
                    w.write("{\"release_id\": \"fedora-24\", \"composeinfo\": ");
                    w.write(Files.readString(ComposeImportTest.COMPOSE.resolve("composeinfo.json")));
                    w.write(", \"rpm_manifest\": ");
                    RpmManifests.write(w, "Fedora-24-20151130.n.2", 30_000);
                    w.write("}");
                }
                c.post("arches/", "{\"name\": \"armhfp\"}");
                c.post("releases/", "{\"short\": \"fedora\", \"version\": \"24\", \"name\": \"Fedora\", \"release_type\": \"ga\"}");
                long size = Files.size(manifest);
                t0 = System.nanoTime();
                var imp = c.send(HttpRequest.newBuilder(sandbox.apiRoot().resolve("compose-rpms/"))
                        .header("Authorization", "Token x").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofFile(manifest)).build());
                double impS = (System.nanoTime() - t0) / 1e9;
                assertThat(imp.status()).as(imp.raw()).isEqualTo(201);
                System.out.printf("PERF compose-rpms import: %d entries, %.1f MB manifest: %.2f s%n",
                        imp.body().get("imported rpms").asLong(), size / 1e6, impS);
            } finally {
                Files.deleteIfExists(manifest);
            }
            assertThat(c.get("rpms/?page_size=1").body().get("count").asInt()).isEqualTo(100_000);

            t0 = System.nanoTime();
            String url = "rpms/?page_size=100";
            int pages = 0;
            long rows = 0;
            while (url != null) {
                JsonNode page = c.get(url).body();
                rows += page.get("results").size();
                pages++;
                url = page.get("next").isNull() ? null : page.get("next").asText();
            }
            double read = (System.nanoTime() - t0) / 1e9;
            assertThat(rows).isEqualTo(100_000);
            System.out.printf("PERF paged read: %d rpms in %d pages of 100: %.2f s (%.1f ms/page, %.0f rpms/s)%n",
                    rows, pages, read, read * 1000 / pages, rows / read);
        }
    }

    private static void bulkRpms(SandboxClient c, int from, int to, int chunk) {
        for (int start = from; start < to; start += chunk) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = start; i < Math.min(to, start + chunk); i++) {
                if (i > start) sb.append(',');
                sb.append("{\"name\": \"bulk").append(i).append("\", \"epoch\": 0, \"version\": \"1.0\", \"release\": \"1.fc28\", ")
                        .append("\"arch\": \"x86_64\", \"srpm_name\": \"bulk").append(i).append("\", \"srpm_nevra\": \"bulk").append(i)
                        .append("-0:1.0-1.fc28.src\", \"dependencies\": {\"requires\": [\"glibc\"]}}");
            }
            var r = c.post("rpms/", sb.append(']').toString());
            if (r.status() != 201) throw new UncheckedIOException(new IOException(r.raw()));
        }
    }
}
