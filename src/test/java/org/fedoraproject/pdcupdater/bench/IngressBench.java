package org.fedoraproject.pdcupdater.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.fedoraproject.pdcupdater.db.Database;
import org.fedoraproject.pdcupdater.db.DatabaseSettings;
import org.fedoraproject.pdcupdater.db.GroupCommitMessageIdRepository;
import org.fedoraproject.pdcupdater.fedmsg.EnvelopeParser;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.fedmsg.SignatureVerifier;
import org.fedoraproject.pdcupdater.fedmsg.VerifierSettings;
import org.fedoraproject.pdcupdater.ingress.IngressHeaders;
import org.fedoraproject.pdcupdater.testsupport.ProcessCpu;
import org.fedoraproject.pdcupdater.testsupport.TestBus;
import org.fedoraproject.pdcupdater.testsupport.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Ingress throughput: signed messages through a real PUB socket into the whole service (parse,
 * verify, de-duplicate in the database, dispatch to the unhandled counter), against a plain-Java
 * baseline doing the same socket + parse + verify work without Camel, in the same run; then the
 * msg_id store alone, the part of the ingress's work that the baseline does not do.
 *
 * <p>Run with {@code mvn -B -Pbench test -Dtest=IngressBench} (the profile gives the JVM -Xmx256m);
 * {@code -Dbench.messages=N} changes the count; {@code -Dbench.service.KEY=VALUE} sets a service
 * setting. The publisher keeps at most {@link #WINDOW} messages in flight, so what is measured is sustained throughput, not buffer filling.
 * Each run first sends {@code -Dbench.warmup=N} messages (default 30,000) that are not measured: with fewer, the
 * JIT compilers are still busy during the measured part (they took 10-28 s of a 20-26 s run after 5,000), and a
 * service that runs for months is measured in its steady state, not in its first minute.
 */
class IngressBench {

    private static final int COUNT = Integer.getInteger("bench.messages", 100_000);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 30_000);
    private static final int WINDOW = 500;

    @TempDir
    Path dir;

    /** What one run measured; load averages (1 min) of the whole machine before and after it. */
    record Result(String name, int count, double seconds, long[] latenciesNanos, long peakHeapBytes,
                  double loadBefore, double loadAfter, Map<String, Long> cpuNanosByThread,
                  Map<String, Long> allocatedBytesByThread, long jitMillis, long gcMillis) {
        double perSecond() {
            return count / seconds;
        }

        double percentileMillis(double p) {
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))] / 1e6;
        }
    }

    @Test
    void ingressAgainstAPlainJavaBaseline() throws Exception {
        Path messages = dir.resolve("messages.bin");
        long t0 = System.nanoTime();
        BenchMessages.generate(dir.resolve("pki"), messages, WARMUP + COUNT);
        System.out.printf("generated and signed %,d messages in %.1f s%n", WARMUP + COUNT, (System.nanoTime() - t0) / 1e9);

        Result baseline = run("plain Java", messages, this::baselineReceiver);
        Result ingress = runIngress(messages);

        System.out.println();
        System.out.printf("%,d measured messages per run (after %,d warm-up), %d cores, max heap %d MiB%n", COUNT,
                WARMUP, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("%-12s %10s %10s %10s %10s %12s %14s%n", "", "msg/s", "p50 ms", "p99 ms", "lost",
                "peak heap", "load avg");
        for (Result r : new Result[] {baseline, ingress}) {
            System.out.printf("%-12s %,10.0f %10.2f %10.2f %10d %8d MiB %6.1f->%.1f%n", r.name(), r.perSecond(),
                    r.percentileMillis(0.50), r.percentileMillis(0.99), COUNT - r.count(), r.peakHeapBytes() >> 20,
                    r.loadBefore(), r.loadAfter());
        }
        System.out.printf("ratio ingress/baseline: %.2f%n", ingress.perSecond() / baseline.perSecond());
        for (Result r : new Result[] {baseline, ingress}) {
            printCpu(r);
        }
        msgIdStoreAlone();
        assertThat(ingress.count()).as("messages lost").isEqualTo(COUNT);
    }

    /**
     * The msg_id store alone, used as the ingress uses it (the look-up made ahead, then the mark, which its writer
     * thread group-commits) on an H2 file database like the service's: the de-duplication the ingress must do and
     * the baseline does not, per message.
     */
    private void msgIdStoreAlone() throws Exception {
        try (HikariDataSource db = Database.open(new DatabaseSettings("jdbc:h2:file:" + dir.resolve("msgids")
                + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "", "", 8))) {
            GroupCommitMessageIdRepository store = new GroupCommitMessageIdRepository(db, "fedmsg", 100_000, 10_000);
            store.start();
            String last = null;
            long allocatedBefore = 0;
            long cpuBefore = 0;
            for (int n = 0; n < WARMUP + COUNT; n++) {
                if (n == WARMUP) {
                    store.awaitStored(last, 60_000);
                    allocatedBefore = totalAllocated();
                    cpuBefore = ProcessCpu.nanos();
                }
                last = "2026-" + new UUID(0x5eed, n);
                if (!store.lookAhead(last, () -> 0L).stored()) {
                    store.add(last);
                }
            }
            store.awaitStored(last, 60_000);
            long cpu = ProcessCpu.nanos() - cpuBefore;
            long allocated = totalAllocated() - allocatedBefore;
            store.stop();
            System.out.printf("msg_id store alone (look-up + group-committed mark, H2 file): CPU %.1f us/msg over all "
                    + "threads, allocated %.2f KB/msg%n", cpu / 1e3 / COUNT, allocated / 1024.0 / COUNT);
        }
    }

    private static long totalAllocated() {
        return Measurement.threadAllocated().values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * CPU time of this JVM's threads during the measured part, per message: where the time goes
     * (on 2 cores a thread near one core per elapsed second is the limit; otherwise the cores are).
     */
    private static void printCpu(Result r) {
        long total = r.cpuNanosByThread().values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("%s: CPU %.1f us/msg over all threads (%.2f cores); meanwhile JIT compiled for %,d ms, "
                + "GC took %,d ms%n", r.name(), total / 1e3 / r.count(), total / 1e9 / r.seconds(), r.jitMillis(),
                r.gcMillis());
        r.cpuNanosByThread().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getValue() >= total / 100)
                .forEach(e -> System.out.printf("  %7.1f us/msg %5.2f cores %7.2f KB/msg  %s%n", e.getValue() / 1e3 / r.count(),
                        e.getValue() / 1e9 / r.seconds(),
                        r.allocatedBytesByThread().getOrDefault(e.getKey(), 0L) / 1024.0 / r.count(), e.getKey()));
        System.out.printf("  allocated %.2f KB/msg over all threads (what the GC has to collect)%n",
                r.allocatedBytesByThread().values().stream().mapToLong(Long::longValue).sum() / 1024.0 / r.count());
    }

    // ---- the plain-Java baseline: SUB socket, parse, verify, count ----

    private Receiver baselineReceiver(String endpoint) {
        SignatureVerifier verifier = new SignatureVerifier(new VerifierSettings(true, dir.resolve("pki/ca.crt"),
                dir.resolve("pki/crl.pem"), null, false));
        EnvelopeParser parser = new EnvelopeParser();
        return completed -> {
            try (ZContext context = new ZContext()) {
                ZMQ.Socket sub = context.createSocket(SocketType.SUB);
                sub.setRcvHWM(100_000);
                sub.setHandshakeIvl(2000);
                sub.subscribe(BenchMessages.PREFIX.getBytes(StandardCharsets.UTF_8));
                sub.connect(endpoint);
                sub.setReceiveTimeOut(200);
                while (!Thread.currentThread().isInterrupted()) {
                    byte[] topic = sub.recv();
                    if (topic == null) {
                        continue;
                    }
                    byte[] body = sub.recv();
                    FedmsgEnvelope envelope = parser.parse(new String(topic, StandardCharsets.UTF_8), body);
                    verifier.verify(envelope);
                    completed.accept(envelope.msgId());
                }
            }
        };
    }

    /** A receiver runs until interrupted, reporting each finished msg_id. */
    interface Receiver {
        void run(Consumer<String> completed) throws Exception;
    }

    private Result run(String name, Path messages, java.util.function.Function<String, Receiver> receiverFor)
            throws Exception {
        try (TestBus bus = TestBus.onFreePort()) {
            Receiver receiver = receiverFor.apply(bus.endpoint());
            Measurement m = new Measurement();
            Thread thread = new Thread(() -> {
                try {
                    receiver.run(m::completed);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "baseline-receiver");
            thread.start();
            try {
                return m.publish(name, bus, messages);
            } finally {
                thread.interrupt();
                thread.join();
            }
        }
    }

    // ---- the full ingress of the real service ----

    private Result runIngress(Path messages) throws Exception {
        try (TestBus bus = TestBus.onFreePort()) {
            Map<String, String> settings = new HashMap<>();
            settings.put("db.url", "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
            settings.put("fedmsg.endpoints", bus.endpoint());
            settings.put("fedmsg.local-pki-dir", dir.resolve("pki").toString());
            settings.put("fedmsg.ca-cert", dir.resolve("pki/ca.crt").toString());
            settings.put("fedmsg.crl", dir.resolve("pki/crl.pem").toString());
            settings.put("fedmsg.routing-policy", "");
            // -Dbench.service.KEY=VALUE sets KEY for the service, to compare settings in one build.
            for (String name : System.getProperties().stringPropertyNames()) {
                if (name.startsWith("bench.service.")) {
                    settings.put(name.substring("bench.service.".length()), System.getProperty(name));
                }
            }
            Measurement m = new Measurement();
            try (TestService service = TestService.start(settings)) {
                // Only completions: every other exchange event the notifier ignores costs the ingress nothing.
                EventNotifierSupport completions = new EventNotifierSupport() {
                    @Override
                    public void notify(CamelEvent event) {
                        if (event instanceof CamelEvent.ExchangeCompletedEvent done
                                && "fedmsg-accept".equals(done.getExchange().getFromRouteId())) {
                            m.completed(done.getExchange().getMessage().getHeader(IngressHeaders.MSG_ID, String.class));
                        }
                    }
                };
                completions.setIgnoreCamelContextEvents(true);
                completions.setIgnoreRouteEvents(true);
                completions.setIgnoreServiceEvents(true);
                completions.setIgnoreStepEvents(true);
                completions.setIgnoreExchangeCreatedEvent(true);
                completions.setIgnoreExchangeSendingEvents(true);
                completions.setIgnoreExchangeSentEvents(true);
                completions.setIgnoreExchangeFailedEvents(true);
                completions.setIgnoreExchangeRedeliveryEvents(true);
                completions.setIgnoreExchangeAsyncProcessingStartedEvents(true);
                service.context().getManagementStrategy().addEventNotifier(completions);
                return m.publish("ingress", bus, messages);
            }
        }
    }

    /**
     * Publishes with a bounded window and records per-message latency and peak heap. The publisher
     * blocks on the window (it does not spin): on 2 cores a spinning publisher takes a core from
     * what it measures.
     */
    private static final class Measurement {
        private static final String JVM_THREADS = "(JIT, GC and other JVM threads)";
        private final AtomicLongArray sentAt = new AtomicLongArray(WARMUP + COUNT);
        private final AtomicLongArray doneAt = new AtomicLongArray(WARMUP + COUNT);
        private final AtomicInteger completed = new AtomicInteger();
        private final AtomicLong peakHeap = new AtomicLong();
        private final Semaphore window = new Semaphore(WINDOW);

        void completed(String msgId) {
            if (msgId == null || !msgId.startsWith("bench-")) {
                return;
            }
            int index = BenchMessages.index(msgId);
            if (doneAt.compareAndSet(index, 0, System.nanoTime())) {
                completed.incrementAndGet();
                if (index > 0) {
                    window.release();
                }
            }
        }

        Result publish(String name, TestBus bus, Path messages) throws Exception {
            double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            AtomicBoolean sampling = new AtomicBoolean(true);
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            int[] index = {0};
            long[] start = {0};
            Map<String, Long> cpuBefore = new HashMap<>();
            Map<String, Long> allocatedBefore = new HashMap<>();
            long[] jitBefore = {0};
            long[] gcBefore = {0};
            BenchMessages.read(messages, (topic, body) -> {
                int n = index[0]++;
                if (n == 0) {
                    // PUB/SUB drops what is sent before the subscription arrives: repeat the first one until seen.
                    while (completed.get() == 0) {
                        bus.sendFrames(topic, body);
                        sleep(20);
                    }
                    return;
                }
                if (n == WARMUP) {
                    awaitCompleted(WARMUP);
                    cpuBefore.putAll(threadCpu());
                    allocatedBefore.putAll(threadAllocated());
                    jitBefore[0] = jitMillis();
                    gcBefore[0] = gcMillis();
                    start[0] = System.nanoTime();
                }
                window.acquireUninterruptibly();
                sentAt.set(n, System.nanoTime());
                bus.sendFrames(topic, body);
            });
            awaitCompleted(WARMUP + COUNT);
            double seconds = (System.nanoTime() - start[0]) / 1e9;
            Map<String, Long> cpu = threadCpu();
            cpu.replaceAll((thread, nanos) -> nanos - cpuBefore.getOrDefault(thread, 0L));
            Map<String, Long> allocated = threadAllocated();
            allocated.replaceAll((thread, bytes) -> bytes - allocatedBefore.getOrDefault(thread, 0L));
            sampling.set(false);
            sampler.join();
            long[] latencies = new long[COUNT];
            int measured = 0;
            for (int n = WARMUP; n < WARMUP + COUNT; n++) {
                if (doneAt.get(n) != 0) {
                    latencies[measured++] = doneAt.get(n) - sentAt.get(n);
                }
            }
            return new Result(name, measured, seconds, Arrays.copyOf(latencies, measured), peakHeap.get(), loadBefore,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), cpu, allocated,
                    jitMillis() - jitBefore[0], gcMillis() - gcBefore[0]);
        }

        /** Time the JIT compilers spent so far (wall time of compilations, not CPU). */
        private static long jitMillis() {
            return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        }

        /** Time the garbage collectors spent so far (pauses and concurrent cycles, by collector). */
        private static long gcMillis() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
        }

        /** CPU time so far of every live thread, by name plus id (names repeat across pools). */
        private static Map<String, Long> threadCpu() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Map<String, Long> cpu = new TreeMap<>();
            long process = ProcessCpu.nanos();
            for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null) {
                    long nanos = threads.getThreadCpuTime(info.getThreadId());
                    if (nanos > 0) {
                        cpu.put(info.getThreadName() + " #" + info.getThreadId(), nanos);
                    }
                }
            }
            // What no Java thread shows: JIT compiler, garbage collector, JVM internals.
            cpu.put(JVM_THREADS, process - cpu.values().stream().mapToLong(Long::longValue).sum());
            return cpu;
        }

        /** Bytes allocated so far by every live thread, keyed as in {@link #threadCpu}. */
        private static Map<String, Long> threadAllocated() {
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            Map<String, Long> allocated = new TreeMap<>();
            for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null) {
                    long bytes = threads.getThreadAllocatedBytes(info.getThreadId());
                    if (bytes > 0) {
                        allocated.put(info.getThreadName() + " #" + info.getThreadId(), bytes);
                    }
                }
            }
            return allocated;
        }

        private void awaitCompleted(int count) {
            long deadline = System.nanoTime() + 600_000_000_000L;
            while (completed.get() < count && System.nanoTime() < deadline) {
                sleep(1);
            }
        }

        private static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
