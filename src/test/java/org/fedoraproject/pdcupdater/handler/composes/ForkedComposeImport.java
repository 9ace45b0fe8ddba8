package org.fedoraproject.pdcupdater.handler.composes;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcSettings;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.source.compose.ComposeLocation;
import org.fedoraproject.pdcupdater.source.compose.ComposeMetadataClient;
import org.fedoraproject.pdcupdater.source.compose.LocationRewrite;
import org.fedoraproject.pdcupdater.source.http.HttpClients;
import org.fedoraproject.pdcupdater.source.http.HttpSettings;
import org.fedoraproject.pdcupdater.testsupport.ProcessCpu;

/**
 * The service's compose import alone in a JVM of its own, so a test can run it with a small heap ({@code -Xmx128m})
 * and measure that JVM only: peak heap (sampled every 10 ms, and the sum of the heap pools' peaks, an upper bound)
 * and peak RSS ({@code VmHWM} of {@code /proc/self/status}). Prints one line {@code RESULT {...json...}}.
 *
 * <pre>
 * import   &lt;pdc api root&gt; &lt;location as the message gives it&gt; &lt;rewrite "prefix -> url"&gt;
 * download &lt;url&gt; &lt;file&gt;     (the baseline: the same bytes straight to disk)
 * </pre>
 */
public final class ForkedComposeImport {

    private ForkedComposeImport() {
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode().put("mode", args[0]);
        HeapSampler heap = HeapSampler.begin();
        long started = System.nanoTime();
        int exit = 0;
        try {
            if (args[0].equals("import")) {
                importCompose(args[1], args[2], args[3], result);
            } else {
                download(URI.create(args[1]), Path.of(args[2]), result);
            }
            result.put("ok", true);
        } catch (Exception e) {
            result.put("ok", false).put("exception", e.getClass().getName()).put("error", String.valueOf(e.getMessage()));
            exit = 2;
        }
        result.put("seconds", (System.nanoTime() - started) / 1e9);
        // CPU of this JVM in all (start-up included): on a loaded machine the measure wall time cannot give.
        result.put("cpuSeconds", ProcessCpu.nanos() / 1e9);
        heap.finish();
        result.put("peakHeapSampledBytes", heap.peak());
        result.put("peakHeapPoolsBytes", heapPoolPeaks());
        result.put("peakHeapAfterGcBytes", heap.peakAfterGc());
        result.put("gcCount", heap.collections());
        result.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        result.put("vmHwmKb", vmHwmKb());
        System.out.println("RESULT " + result);
        System.out.flush();
        System.exit(exit);
    }

    private static void importCompose(String apiRoot, String location, String rewrite, ObjectNode result) {
        try (PdcClient client = new PdcClient(PdcSettings.builder(URI.create(apiRoot)).token("forked-import")
                .readTimeout(Duration.ofMinutes(5)).build())) {
            ComposeMetadataClient source = new ComposeMetadataClient(HttpClients.create(),
                    HttpSettings.of(URI.create("http://kojipkgs.fedoraproject.org/compose/")),
                    LocationRewrite.parse(rewrite));
            ComposeImporter importer = new ComposeImporter(new Pdc(client), source, true, Duration.ofHours(2));
            ComposeImporter.Outcome outcome = importer.importCompose(ComposeLocation.parse(location), null,
                    ChangeComment.of("forked import"));
            result.put("compose", outcome.composeId()).put("rpms", outcome.rpms()).put("images", outcome.images())
                    .put("bytes", outcome.manifestBytes()).put("uploadSeconds", outcome.uploadNanos() / 1e9)
                    .put("pdcSeconds", outcome.pdcNanos() / 1e9);
        }
    }

    private static void download(URI uri, Path file, ObjectNode result) throws IOException, InterruptedException {
        HttpClient http = HttpClients.create();
        HttpResponse<Path> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofFile(file));
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode());
        }
        result.put("bytes", Files.size(file));
    }

    private static long heapPoolPeaks() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static long vmHwmKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /**
     * Heap in use sampled every 10 ms (includes garbage not yet collected, so it creeps up to -Xmx by design), and
     * the heap in use right after each collection (GC notifications): the peak of what was really live.
     */
    private static final class HeapSampler extends Thread {
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong peakAfterGc = new AtomicLong();
        private final AtomicLong collections = new AtomicLong();
        private volatile boolean running = true;

        static HeapSampler begin() {
            HeapSampler s = new HeapSampler();
            s.setDaemon(true);
            for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).addNotificationListener((n, h) -> {
                    if (!n.getType().equals(com.sun.management.GarbageCollectionNotificationInfo
                            .GARBAGE_COLLECTION_NOTIFICATION)) {
                        return;
                    }
                    var info = com.sun.management.GarbageCollectionNotificationInfo
                            .from((javax.management.openmbean.CompositeData) n.getUserData());
                    long used = 0;
                    for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (isHeapPool(e.getKey())) {
                            used += e.getValue().getUsed();
                        }
                    }
                    s.peakAfterGc.accumulateAndGet(used, Math::max);
                    s.collections.incrementAndGet();
                }, null, null);
            }
            s.start();
            return s;
        }

        private static boolean isHeapPool(String name) {
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getName().equals(name)) {
                    return pool.getType() == MemoryType.HEAP;
                }
            }
            return false;
        }

        long peakAfterGc() {
            return peakAfterGc.get();
        }

        long collections() {
            return collections.get();
        }

        @Override
        public void run() {
            while (running) {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void finish() {
            running = false;
            peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        }

        long peak() {
            return peak.get();
        }
    }
}
