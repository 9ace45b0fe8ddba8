package org.fedoraproject.pdcupdater.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgSigner;
import org.fedoraproject.pdcupdater.fedmsg.pki.LocalPki;
import org.fedoraproject.pdcupdater.fedmsg.pki.LocalPkiDirectory;
import org.fedoraproject.pdcupdater.fedmsg.pki.PemFiles;
import org.fedoraproject.pdcupdater.testsupport.Fixtures;

/**
 * Signed benchmark messages built from real fixture messages, written once to a file so the
 * benchmark JVM (-Xmx256m) never holds 100,000 of them at once. Signed with an RSA-1024 key like
 * Fedora's publisher certificates, under the local CA of {@code pkiDir}.
 */
final class BenchMessages {

    static final String PREFIX = "org.fedoraproject.prod.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SOURCES = List.of(
            "fedmsg/buildsys.tag--2017-2bc4917c.json",
            "fedmsg/pkgdb.package.new--TestPkgdbPackageNew.json",
            "fedmsg/git.receive--TestSCMWithNamespace.json",
            "fedmsg/fas.user.create--TestFASUserCreate.json");

    private static final int CHUNK = 10_000;

    private BenchMessages() {
    }

    /** Writes {@code count} messages to {@code file}: topic and body, length-prefixed. */
    static void generate(Path pkiDir, Path file, int count) throws Exception {
        LocalPkiDirectory.Layout layout = LocalPkiDirectory.ensure(pkiDir, List.of());
        LocalPki.Authority ca = new LocalPki.Authority(new KeyPair(PemFiles.readCertificate(layout.caCert()).getPublicKey(),
                PemFiles.readPrivateKey(layout.caKey())), PemFiles.readCertificate(layout.caCert()));
        Instant now = Instant.now();
        LocalPki.Issued leaf = LocalPki.issue(ca, "bench-publisher", LocalPki.rsaKeyPair(1024),
                now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.DAYS));
        FedmsgSigner signer = new FedmsgSigner(leaf.keyPair().getPrivate(), leaf.certificate());
        JsonNode[] bodies = SOURCES.stream().map(f -> Fixtures.json(f).get("msg")).toArray(JsonNode[]::new);
        String[] topics = SOURCES.stream().map(f -> "bench." + Fixtures.json(f).get("topic").asText()
                .replaceFirst("^org\\.fedoraproject\\.(prod|stg|dev)\\.", "")).toArray(String[]::new);

        // Signed a chunk at a time, so the heap holds one chunk and not every message of the run.
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            for (int from = 0; from < count; from += CHUNK) {
                int base = from;
                byte[][] signed = new byte[Math.min(CHUNK, count - from)][];
                List<Future<?>> parts = new java.util.ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int first = t;
                    parts.add(pool.submit(() -> {
                        for (int i = first; i < signed.length; i += threads) {
                            int n = base + i;
                            ObjectNode envelope = FedmsgSigner.newEnvelope(PREFIX + topics[n % topics.length],
                                    bodies[n % bodies.length], n + 1, "bench", Clock.systemUTC());
                            envelope.put("msg_id", "bench-" + n);
                            signed[i] = signer.signToBytes(envelope);
                        }
                        return null;
                    }));
                }
                for (Future<?> part : parts) {
                    part.get();
                }
                for (int i = 0; i < signed.length; i++) {
                    int n = base + i;
                    byte[] topic = (PREFIX + topics[n % topics.length]).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    out.writeInt(topic.length);
                    out.write(topic);
                    out.writeInt(signed[i].length);
                    out.write(signed[i]);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Streams the messages of {@code file} to {@code sink} as (topic, body). */
    static void read(Path file, BiConsumer<byte[], byte[]> sink) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            while (true) {
                int topicLength;
                try {
                    topicLength = in.readInt();
                } catch (EOFException end) {
                    return;
                }
                byte[] topic = in.readNBytes(topicLength);
                byte[] body = in.readNBytes(in.readInt());
                sink.accept(topic, body);
            }
        }
    }

    /** The message index encoded in a bench msg_id. */
    static int index(String msgId) {
        return Integer.parseInt(msgId.substring("bench-".length()));
    }

    static ObjectMapper json() {
        return JSON;
    }
}
