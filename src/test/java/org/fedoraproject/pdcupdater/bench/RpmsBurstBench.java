package org.fedoraproject.pdcupdater.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcDuplicateException;
import org.fedoraproject.pdcupdater.pdc.PdcSettings;
import org.fedoraproject.pdcupdater.sandbox.PdcSandbox;
import org.fedoraproject.pdcupdater.sandbox.SandboxSettings;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiData;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiStandin;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiStandinServer;
import org.fedoraproject.pdcupdater.sandbox.koji.StandinBuild;
import org.fedoraproject.pdcupdater.sandbox.koji.StandinRpm;
import org.fedoraproject.pdcupdater.sandbox.koji.StandinTag;
import org.fedoraproject.pdcupdater.source.koji.KojiClient;
import org.fedoraproject.pdcupdater.source.koji.KojiRpm;
import org.fedoraproject.pdcupdater.testsupport.Fixtures;
import org.fedoraproject.pdcupdater.testsupport.SignedMessages;
import org.fedoraproject.pdcupdater.testsupport.TestBus;
import org.fedoraproject.pdcupdater.testsupport.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: a mass-rebuild burst through the whole service, printing numbers, asserting only that no message was
 * lost. {@code bench.messages} (default 20,000) {@code buildsys.tag} messages, each the real fixture message
 * (2017-2bc4917c) for a distinct build of 5 RPMs tagged into f28, are signed and published on a real bus; the
 * service verifies, de-duplicates and dispatches them to the rpms handler, which writes to a PDC sandbox (file H2)
 * behind a counting HTTP proxy and reads the Koji stand-in. Then the naive writer (one POST per RPM, as the Python
 * pdc-updater did) runs over the first {@code bench.naive-messages} (default 2,000) of the same builds into a fresh
 * sandbox, for the ratio.
 *
 * <p>Run: {@code mvn -B -Pbench test -Dtest=RpmsBurstBench -Dtest.argLine=-Xmx512m [-Dbench.messages=5000]}
 * (the whole service, the sandbox and the stand-in share the one JVM, so it gets 512 MB rather than the bench
 * profile's 256 MB).
 */
class RpmsBurstBench {

    private static final String PREFIX = "org.fedoraproject.prod.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[][] SUBPACKAGES = {{"", "src"}, {"", "x86_64"}, {"-devel", "x86_64"},
            {"-debuginfo", "x86_64"}, {"-doc", "noarch"}};

    @TempDir
    Path dir;

    @Test
    void massRebuildBurst() throws Exception {
        int messages = Integer.getInteger("bench.messages", 20_000);
        int naiveMessages = Math.min(messages, Integer.getInteger("bench.naive-messages", 2_000));
        ObjectNode fixture = (ObjectNode) Fixtures.json("fedmsg/buildsys.tag--2017-2bc4917c.json").get("msg");

        KojiData data = KojiData.empty();
        data.addTag(StandinTag.of(fixture.get("tag_id").asInt(), fixture.get("tag").asText()));
        List<StandinBuild> builds = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            StandinBuild build = data.addBuild(StandinBuild.complete(data.nextBuildId(),
                    fixture.get("name").asText() + "-mr" + i, fixture.get("version").asText(),
                    fixture.get("release").asText(), fixture.get("owner").asText()));
            for (String[] sub : SUBPACKAGES) {
                data.addRpm(StandinRpm.of(data.nextRpmId(), build, build.name() + sub[0], sub[1]));
            }
            data.tagBuild(fixture.get("tag").asText(), build.id());
            builds.add(build);
        }
        int rpms = messages * SUBPACKAGES.length;

        try (KojiStandinServer koji = KojiStandin.start("127.0.0.1", 0, data);
             PdcSandbox sandbox = PdcSandbox.start(fileSandbox("burst"));
             CountingProxy proxy = new CountingProxy(sandbox.apiRoot());
             PdcClient direct = new PdcClient(PdcSettings.of(sandbox.apiRoot()));
             TestBus bus = TestBus.onFreePort()) {

            Map<String, String> settings = new HashMap<>();
            settings.put("db.url", "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
            settings.put("fedmsg.endpoints", bus.endpoint());
            settings.put("fedmsg.local-pki-dir", dir.resolve("pki").toString());
            settings.put("fedmsg.ca-cert", dir.resolve("pki/ca.crt").toString());
            settings.put("fedmsg.crl", dir.resolve("pki/crl.pem").toString());
            settings.put("fedmsg.routing-policy", "");
            settings.put("pdc.url", proxy.apiRoot().toString());
            settings.put("pdc.token", "bench-token");
            settings.put("koji.url", koji.uri().toString());
            SignedMessages publisher = SignedMessages.publisher(dir.resolve("pki"), "koji-bench");
            SignedMessages probe = SignedMessages.publisher(dir.resolve("pki"), "probe");

            try (TestService service = TestService.start(settings)) {
                MeterRegistry registry = service.bean("metricsRegistry", MeterRegistry.class);
                while (counter(registry, "pdcupdater.messages.unhandled") == 0) {
                    send(bus, probe.next(PREFIX + "test.probe", JSON.createObjectNode()));
                    Thread.sleep(100);
                }
                Thread.sleep(500);
                long pdcBefore = proxy.requests();
                long kojiBefore = koji.standin().requestCount();
                resetPeakHeap();

                long start = System.nanoTime();
                for (StandinBuild build : builds) {
                    ObjectNode msg = fixture.deepCopy();
                    msg.put("build_id", build.id());
                    msg.put("name", build.name());
                    send(bus, publisher.next(PREFIX + "buildsys.tag", msg));
                }
                double published = seconds(start);
                int inPdc = 0;
                long lastChange = System.nanoTime();
                while (inPdc < rpms && System.nanoTime() - lastChange < Duration.ofMinutes(2).toNanos()) {
                    Thread.sleep(250);
                    int now = direct.count("rpms", Map.of("linked_release", "fedora-28"));
                    if (now != inPdc) {
                        lastChange = System.nanoTime();
                        inPdc = now;
                    }
                }
                double elapsed = seconds(start);
                long pdcRequests = proxy.requests() - pdcBefore;
                long kojiRequests = koji.standin().requestCount() - kojiBefore;
                long handled = count(service, "SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED") - 1; // minus the probes
                long deadLetters = count(service, "SELECT COUNT(*) FROM dead_letter");

                System.out.printf("%n=== rpms mass-rebuild burst: %,d buildsys.tag messages, %,d RPMs ===%n", messages, rpms);
                System.out.printf("published (signed + sent) in %.1f s%n", published);
                System.out.printf("PDC holds every RPM after      %.1f s (%.0f messages/s, %.0f RPMs/s)%n", elapsed,
                        messages / elapsed, rpms / elapsed);
                System.out.printf("RPM rows linked to fedora-28:  %,d of %,d; dead letters: %d; handled msg_ids >= %,d%n",
                        inPdc, rpms, deadLetters, handled);
                System.out.printf("PDC requests:  %,d = %.3f per message (%s)%n", pdcRequests,
                        pdcRequests / (double) messages, proxy.byMethod());
                System.out.printf("Koji requests: %,d = %.3f per message%n", kojiRequests, kojiRequests / (double) messages);
                System.out.printf("peak heap used: %d MB of max %d MB%n", peakHeapMb(),
                        Runtime.getRuntime().maxMemory() >> 20);
                if (inPdc != rpms || deadLetters != 0) {
                    throw new AssertionError("lost messages: " + inPdc + " of " + rpms + " RPMs in PDC, "
                            + deadLetters + " dead letters");
                }

                naive(koji, builds.subList(0, naiveMessages), pdcRequests / (double) messages,
                        kojiRequests / (double) messages, elapsed / messages);
            }
        }
    }

    /**
     * The original way: per message one Koji listRPMs and one POST per RPM. Run in the bench thread without the bus
     * (so its time leaves out verification and de-duplication, in its favour).
     */
    private void naive(KojiStandinServer koji, List<StandinBuild> builds, double pdcPerMessage,
                       double kojiPerMessage, double secondsPerMessage) throws Exception {
        try (PdcSandbox sandbox = PdcSandbox.start(fileSandbox("naive"));
             CountingProxy proxy = new CountingProxy(sandbox.apiRoot());
             PdcClient pdc = new PdcClient(PdcSettings.builder(proxy.apiRoot()).token("bench-token").build())) {
            KojiClient kojiClient = new KojiClient(koji.uri());
            long kojiBefore = koji.standin().requestCount();
            long start = System.nanoTime();
            for (StandinBuild build : builds) {
                ChangeComment comment = ChangeComment.forMessage("naive-" + build.id(), PREFIX + "buildsys.tag");
                List<KojiRpm> rpms = kojiClient.listRPMs(build.id());
                String srpmNevra = build.name() + "-0:" + build.version() + "-" + build.release() + ".src";
                for (KojiRpm rpm : rpms) {
                    Map<String, Object> body = new HashMap<>();
                    body.put("name", rpm.name());
                    body.put("epoch", rpm.epochForPdc());
                    body.put("version", rpm.version());
                    body.put("release", rpm.release());
                    body.put("arch", rpm.arch());
                    body.put("srpm_name", build.name());
                    body.put("srpm_nevra", rpm.isSource() ? null : srpmNevra);
                    body.put("filename", rpm.filename());
                    body.put("linked_releases", List.of("fedora-28"));
                    try {
                        pdc.create("rpms", body, comment);
                    } catch (PdcDuplicateException e) {
                        // the original ignored "already exists"
                    }
                }
            }
            double elapsed = seconds(start);
            long pdcRequests = proxy.requests();
            long kojiRequests = koji.standin().requestCount() - kojiBefore;
            int n = builds.size();
            System.out.printf("%n=== naive writer (one POST per RPM), %,d of the same messages ===%n", n);
            System.out.printf("time %.1f s = %.2f ms per message (service above: %.2f ms per message, bus included)%n",
                    elapsed, 1000 * elapsed / n, 1000 * secondsPerMessage);
            System.out.printf("PDC requests:  %,d = %.3f per message -> the handler sends %.1fx fewer%n", pdcRequests,
                    pdcRequests / (double) n, pdcRequests / (double) n / pdcPerMessage);
            System.out.printf("Koji requests: %,d = %.3f per message (handler: %.3f)%n", kojiRequests,
                    kojiRequests / (double) n, kojiPerMessage);
            System.out.printf("naive time per message / handler time per message: %.1fx%n%n",
                    (elapsed / n) / secondsPerMessage);
        }
    }

    private SandboxSettings fileSandbox(String name) {
        // A file database keeps 100,000 RPM rows out of the 512 MB heap.
        return new SandboxSettings("127.0.0.1", 0, "jdbc:h2:file:" + dir.resolve("pdc-" + name), null,
                Path.of("config/sandbox-releases.json"), false);
    }

    private static void send(TestBus bus, ObjectNode envelope) throws IOException {
        bus.send(envelope.get("topic").asText(), JSON.writeValueAsBytes(envelope));
    }

    private static double counter(MeterRegistry registry, String name) {
        Counter c = registry.find(name).counter();
        return c == null ? 0 : c.count();
    }

    private static long count(TestService service, String sql) throws SQLException {
        try (Connection c = service.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void resetPeakHeap() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    /**
     * The request counter the sandbox does not have: an HTTP proxy in front of it counting every request, with the
     * sandbox's absolute {@code next} links rewritten to point back through the proxy so paging is counted too.
     */
    static final class CountingProxy implements AutoCloseable {

        private final HttpServer server;
        private final ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "counting-proxy");
            t.setDaemon(true);
            return t;
        });
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final URI target;
        private final String targetBase;
        private final Map<String, AtomicLong> methods = new java.util.concurrent.ConcurrentHashMap<>();

        CountingProxy(URI apiRoot) throws IOException {
            this.target = apiRoot;
            this.targetBase = "http://" + apiRoot.getRawAuthority();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
            server.setExecutor(pool);
            server.createContext("/", this::forward);
            server.start();
        }

        URI apiRoot() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + target.getRawPath());
        }

        long requests() {
            return methods.values().stream().mapToLong(AtomicLong::get).sum();
        }

        String byMethod() {
            return new java.util.TreeMap<>(methods).toString();
        }

        private void forward(HttpExchange exchange) throws IOException {
            try (exchange) {
                methods.computeIfAbsent(exchange.getRequestMethod(), m -> new AtomicLong()).incrementAndGet();
                HttpResponse<byte[]> response = ForwardedRequest.send(http,
                        URI.create(targetBase + exchange.getRequestURI().toString()), exchange);
                response.headers().map().forEach((name, values) -> {
                    if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")
                            && !name.equalsIgnoreCase("connection") && !name.startsWith(":")) {
                        exchange.getResponseHeaders().put(name, values);
                    }
                });
                String text = new String(response.body(), StandardCharsets.UTF_8);
                byte[] out = text.contains(targetBase) ? text.replace(targetBase,
                        "http://127.0.0.1:" + server.getAddress().getPort()).getBytes(StandardCharsets.UTF_8)
                        : response.body();
                exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    exchange.getResponseBody().write(out);
                }
            }
        }

        @Override
        public void close() {
            server.stop(0);
            pool.shutdownNow();
        }
    }
}
