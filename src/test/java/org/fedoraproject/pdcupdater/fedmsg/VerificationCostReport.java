package org.fedoraproject.pdcupdater.fedmsg;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.fedmsg.pki.LocalPki;
import org.fedoraproject.pdcupdater.fedmsg.pki.PemFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Not a test: prints the per-message cost of parse + canonical form + verification.
 * Run with {@code mvn test -Dtest=VerificationCostReport -DargLine=-Dfedmsg.costReport=true}
 * (or set the property another way). Nothing is asserted.
 */
@EnabledIfSystemProperty(named = "fedmsg.costReport", matches = "true")
class VerificationCostReport {

    @TempDir
    Path dir;

    @Test
    void report() throws Exception {
        // A real production message (koji buildsys.tag, about 2 KB signed), re-signed with a local CA so
        // that the whole path - chain, CRL, policy - runs.
        ObjectNode original = DatagrepperNormalizer.normalize(Fixtures.datagrepperRawMessages().get(21));
        byte[] fixtureWire = CanonicalJson.encode(original);
        System.out.printf("fixture message: %s, %d bytes%n", original.get("topic").textValue(), fixtureWire.length);

        LocalPki.Authority ca = LocalPki.createAuthority("bench CA");
        Instant now = Instant.now();
        Path caFile = dir.resolve("ca.crt");
        Path crlFile = dir.resolve("crl.pem");
        Path policy = dir.resolve("policy.json");
        PemFiles.write(caFile, ca.certificate());
        PemFiles.write(crlFile, LocalPki.createCrl(ca, List.of(LocalPki.randomSerial(), LocalPki.randomSerial()),
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1))));
        Files.writeString(policy, "{\"" + original.get("topic").textValue() + "\": [\"koji-koji01.phx2.fedoraproject.org\"]}");

        EnvelopeParser parser = new EnvelopeParser();
        int warm = 10_000;
        int n = 20_000;

        // 1. parse + canonical form + embedded-certificate RSA-1024 check on the untouched fixture
        //    (no cache: parses the certificate each time, as a baseline)
        time("fixture: parse + normalise + canonical + verify (cert parsed per msg, RSA-1024)", warm / 10, n / 10, () -> {
            FedmsgEnvelope e = parser.parse(fixtureWire);
            SignatureVerifier.verifyEmbeddedSignature(e);
        });
        time("fixture: parse only", warm, n, () -> parser.parse(fixtureWire));
        FedmsgEnvelope parsed = parser.parse(fixtureWire);
        time("fixture: canonical signed form only", warm, n, () -> CanonicalJson.signedForm(parsed.tree()));

        for (int bits : new int[]{1024, 2048}) {
            LocalPki.Issued leaf = LocalPki.issue(ca, "koji-koji01.phx2.fedoraproject.org", LocalPki.rsaKeyPair(bits),
                    now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
            byte[] wire = new FedmsgSigner(leaf.privateKey(), leaf.certificate()).signToBytes(original);
            String topic = original.get("topic").textValue();
            SignatureVerifier v = new SignatureVerifier(new VerifierSettings(true, caFile, crlFile, policy, true));
            time("bus path RSA-" + bits + ": parse(topic frame) + verify (chain cached, CRL, policy), " + wire.length + " B",
                    warm, n, () -> v.verify(parser.parse(topic, wire)));
            FedmsgEnvelope e = parser.parse(topic, wire);
            time("  verify only RSA-" + bits, warm, n, () -> v.verify(e));
            System.out.println("  cache: " + v.cacheStats());
        }
    }

    private static void time(String label, int warm, int n, Runnable r) {
        for (int k = 0; k < warm; k++) {
            r.run();
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < n; k++) {
                r.run();
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        double us = best / 1000.0 / n;
        System.out.printf("%-100s %7.2f us/msg  (%,.0f msg/s, one thread)%n", label, us, 1_000_000 / us);
    }
}
