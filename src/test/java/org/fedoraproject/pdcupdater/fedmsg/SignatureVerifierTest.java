package org.fedoraproject.pdcupdater.fedmsg;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.fedmsg.pki.LocalPki;
import org.fedoraproject.pdcupdater.fedmsg.pki.PemFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignatureVerifierTest {

    static final String TOPIC = "org.fedoraproject.prod.buildsys.tag";
    static final String KOJI = "koji-koji01.phx2.fedoraproject.org";

    static LocalPki.Authority ca;
    static LocalPki.Authority impostor;       // same subject DN as ca, other key
    static LocalPki.Authority intermediate;   // issued by ca
    static KeyPair leafKey;
    static LocalPki.Issued koji;
    static LocalPki.Issued revoked;
    static LocalPki.Issued expired;
    static LocalPki.Issued notYetValid;
    static LocalPki.Issued byImpostor;
    static LocalPki.Issued expiredByImpostor;
    static LocalPki.Issued viaIntermediate;
    static Instant now;

    @TempDir
    Path dir;
    Path caFile;
    Path crlFile;
    Path policyFile;

    @BeforeAll
    static void pki() {
        now = Instant.now();
        ca = LocalPki.createAuthority(LocalPki.name("fedmsg"), LocalPki.rsaKeyPair(2048),
                now.minus(Duration.ofDays(400)), now.plus(Duration.ofDays(3650)));
        impostor = LocalPki.createAuthority(ca.subject(), LocalPki.rsaKeyPair(2048),
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
        assertThat(impostor.subject()).isEqualTo(ca.subject());
        intermediate = LocalPki.createIntermediate(ca, "fedmsg intermediate",
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
        leafKey = LocalPki.rsaKeyPair(2048);
        Instant nb = now.minus(Duration.ofDays(1));
        Instant na = now.plus(Duration.ofDays(30));
        koji = LocalPki.issue(ca, KOJI, leafKey, nb, na);
        revoked = LocalPki.issue(ca, "revoked.example.org", leafKey, nb, na);
        expired = LocalPki.issue(ca, "expired.example.org", leafKey, now.minus(Duration.ofDays(60)),
                now.minus(Duration.ofDays(1)));
        notYetValid = LocalPki.issue(ca, "future.example.org", leafKey, now.plus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(60)));
        byImpostor = LocalPki.issue(impostor, KOJI, leafKey, nb, na);
        expiredByImpostor = LocalPki.issue(impostor, KOJI, leafKey, now.minus(Duration.ofDays(60)),
                now.minus(Duration.ofDays(1)));
        viaIntermediate = LocalPki.issue(intermediate, "bodhi.example.org", leafKey, nb, na);
    }

    @BeforeEach
    void files() throws Exception {
        caFile = dir.resolve("ca.crt");
        crlFile = dir.resolve("crl.pem");
        policyFile = dir.resolve("policy.json");
        PemFiles.write(caFile, ca.certificate());
        writeCrl(List.of(revoked.serial()));
        Files.writeString(policyFile, "{\"" + TOPIC + "\": [\"" + KOJI + "\"], \"org.fedoraproject.prod.other\": []}");
    }

    private void writeCrl(List<BigInteger> serials) throws Exception {
        PemFiles.write(crlFile, LocalPki.createCrl(ca, serials, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7))));
    }

    private SignatureVerifier verifier() {
        return verifier(false);
    }

    private SignatureVerifier verifier(boolean nitpicky) {
        return new SignatureVerifier(new VerifierSettings(true, caFile, crlFile, policyFile, nitpicky));
    }

    static ObjectNode envelope(String topic) {
        ObjectNode msg = JsonNodeFactory.instance.objectNode();
        msg.put("tag", "f27");
        msg.put("build_id", 971423);
        msg.put("owner", "pbrobinson");
        return FedmsgSigner.newEnvelope(topic, msg, 1, "apache", Clock.systemUTC());
    }

    static FedmsgEnvelope signed(LocalPki.Issued who, String topic) {
        return parse(new FedmsgSigner(who.privateKey(), who.certificate()).signToBytes(envelope(topic)));
    }

    static FedmsgEnvelope parse(byte[] b) {
        return new EnvelopeParser().parse(b);
    }

    static FedmsgEnvelope parse(ObjectNode tree) {
        return parse(CanonicalJson.encode(tree));
    }

    static void assertReject(SignatureVerifier v, FedmsgEnvelope e, RejectReason reason) {
        assertThatThrownBy(() -> v.verify(e))
                .isInstanceOfSatisfying(RejectedMessageException.class, x -> {
                    assertThat(x.reason()).as(x.getMessage()).isEqualTo(reason);
                    assertThat(x.getMessage()).isNotBlank();
                });
    }

    // --- the scenarios ---------------------------------------------------------------------------

    @Test
    void validMessageIsAccepted() {
        SignatureVerifier.Verification v = verifier().verify(signed(koji, TOPIC));
        assertThat(v.checked()).isTrue();
        assertThat(v.signer()).isEqualTo(KOJI);
    }

    @Test
    void tamperedBodyIsBadSignature() {
        ObjectNode tree = (ObjectNode) signed(koji, TOPIC).tree().deepCopy();
        ((ObjectNode) tree.get("msg")).put("tag", "f28");
        assertReject(verifier(), parse(tree), RejectReason.BAD_SIGNATURE);
    }

    @Test
    void tamperedEnvelopeFieldIsBadSignature() {
        ObjectNode tree = (ObjectNode) signed(koji, TOPIC).tree().deepCopy();
        tree.put("i", 2);
        assertReject(verifier(), parse(tree), RejectReason.BAD_SIGNATURE);
    }

    @Test
    void revokedCertificate() {
        assertReject(verifier(), signed(revoked, "org.fedoraproject.prod.unlisted"), RejectReason.REVOKED_CERTIFICATE);
    }

    @Test
    void impostorCaWithSameNameIsUntrusted() {
        assertReject(verifier(), signed(byImpostor, TOPIC), RejectReason.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void expiredCertificateFromImpostorIsUntrustedNotExpired() {
        assertReject(verifier(), signed(expiredByImpostor, TOPIC), RejectReason.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void selfSignedCertificateIsUntrusted() {
        LocalPki.Authority self = LocalPki.createAuthority(LocalPki.name(KOJI), leafKey,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)));
        FedmsgEnvelope e = parse(new FedmsgSigner(leafKey.getPrivate(), self.certificate()).signToBytes(envelope(TOPIC)));
        assertReject(verifier(), e, RejectReason.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void expiredAndNotYetValidCertificates() {
        SignatureVerifier v = verifier();
        assertReject(v, signed(expired, "org.fedoraproject.prod.unlisted"), RejectReason.EXPIRED_CERTIFICATE);
        assertReject(v, signed(notYetValid, "org.fedoraproject.prod.unlisted"), RejectReason.EXPIRED_CERTIFICATE);
    }

    @Test
    void expiredCaIsExpired() throws Exception {
        KeyPair k = LocalPki.rsaKeyPair(2048);
        LocalPki.Authority old = LocalPki.createAuthority(LocalPki.name("old CA"), k,
                now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1)));
        LocalPki.Issued leaf = LocalPki.issue(old, KOJI, leafKey, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)));
        PemFiles.write(caFile, old.certificate());
        PemFiles.write(crlFile, LocalPki.createCrl(old, List.of(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1))));
        assertReject(verifier(), signed(leaf, TOPIC), RejectReason.EXPIRED_CERTIFICATE);
    }

    @Test
    void unsignedMessages() {
        SignatureVerifier v = verifier();
        FedmsgEnvelope good = signed(koji, TOPIC);

        assertReject(v, parse(envelope(TOPIC)), RejectReason.UNSIGNED);

        ObjectNode noSig = good.tree().deepCopy();
        noSig.remove("signature");
        assertReject(v, parse(noSig), RejectReason.UNSIGNED);

        ObjectNode noCert = good.tree().deepCopy();
        noCert.remove("certificate");
        assertReject(v, parse(noCert), RejectReason.UNSIGNED);

        ObjectNode gpg = good.tree().deepCopy();
        gpg.put("crypto", "gpg");
        assertReject(v, parse(gpg), RejectReason.UNSIGNED);

        ObjectNode sigOnly = good.tree().deepCopy();
        sigOnly.remove("crypto");
        sigOnly.remove("certificate");
        assertReject(v, parse(sigOnly), RejectReason.UNSIGNED);
    }

    @Test
    void legacyMessageWithoutCryptoFieldButWithCertificateIsX509() {
        // fedmsg <= 0.7.2 did not send "crypto"; fedmsg then guesses x509 from "certificate"
        ObjectNode e = envelope(TOPIC);
        FedmsgSigner signer = new FedmsgSigner(koji.privateKey(), koji.certificate());
        ObjectNode signedTree = signer.sign(e);
        // re-sign without crypto: sign() always sets it, so build the legacy form by hand
        ObjectNode legacy = e.deepCopy();
        byte[] sig = rawSign(koji, CanonicalJson.signedForm(legacy));
        legacy.put("signature", Base64.getMimeEncoder().encodeToString(sig));
        legacy.set("certificate", signedTree.get("certificate"));
        assertThat(verifier().verify(parse(legacy)).signer()).isEqualTo(KOJI);
    }

    private static byte[] rawSign(LocalPki.Issued who, byte[] data) {
        try {
            java.security.Signature s = java.security.Signature.getInstance("SHA1withRSA");
            s.initSign(who.privateKey());
            s.update(data);
            return s.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void routingPolicy() {
        SignatureVerifier relaxed = verifier(false);
        SignatureVerifier nitpicky = verifier(true);
        LocalPki.Issued other = LocalPki.issue(ca, "copr-copr-be.cloud.fedoraproject.org", leafKey,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)));

        // listed topic, signer listed
        assertThat(relaxed.verify(signed(koji, TOPIC)).signer()).isEqualTo(KOJI);
        assertThat(nitpicky.verify(signed(koji, TOPIC)).signer()).isEqualTo(KOJI);
        // listed topic, signer not listed
        assertReject(relaxed, signed(other, TOPIC), RejectReason.ROUTING_POLICY);
        assertReject(nitpicky, signed(other, TOPIC), RejectReason.ROUTING_POLICY);
        // listed topic with an empty list: nobody
        assertReject(relaxed, signed(koji, "org.fedoraproject.prod.other"), RejectReason.ROUTING_POLICY);
        // topic not in the policy
        assertThat(relaxed.verify(signed(other, "org.fedoraproject.prod.unlisted")).signer())
                .isEqualTo("copr-copr-be.cloud.fedoraproject.org");
        assertReject(nitpicky, signed(koji, "org.fedoraproject.prod.unlisted"), RejectReason.ROUTING_POLICY);
        // exact topic match only: no prefix matching
        assertReject(nitpicky, signed(koji, TOPIC + ".sub"), RejectReason.ROUTING_POLICY);
    }

    @Test
    void validationOffAcceptsAnythingParsed() {
        SignatureVerifier off = new SignatureVerifier(VerifierSettings.disabled());
        assertThat(off.verify(parse(envelope(TOPIC)))).isEqualTo(SignatureVerifier.Verification.NOT_CHECKED);
        assertThat(off.verify(signed(byImpostor, TOPIC)).checked()).isFalse();
    }

    @Test
    void unicodeAndFloatHeavyBodiesRoundTrip() throws Exception {
        String body = "{\"caf\u00e9\":\"\u20ac \uD83D\uDE00 \u4e2d\u6587 \u007f \\u0000 \\t\\n\\\"\\\\/\","
                + "\"\uFFFF\":1,\"\uD83D\uDE00\":2,\"\uE000\":3,"
                + "\"floats\":[1504642719.23539,1e16,5e-324,-0.0,1.0,1e-05,123456789012345.0,"
                + "1.2345678901234568e+16,0.1,2.5e-7,1e22,NaN,Infinity,-Infinity],"
                + "\"ints\":[0,-0,9223372036854775808,-1180591620717411303424],"
                + "\"lone\":\"\\ud800\",\"nested\":{\"b\":[true,false,null],\"a\":{}}}";
        ObjectNode msg = (ObjectNode) EnvelopeParser.mapper().readTree(body.getBytes(StandardCharsets.UTF_8));
        ObjectNode env = FedmsgSigner.newEnvelope(TOPIC, msg, 7, "ralph", Clock.systemUTC());
        env.put("timestamp", 1504642719.23539);
        byte[] wire = new FedmsgSigner(koji.privateKey(), koji.certificate()).signToBytes(env);
        for (byte b : wire) {
            assertThat(b & 0xff).isLessThan(0x80); // ensure_ascii
        }
        FedmsgEnvelope e = new EnvelopeParser().parse(TOPIC, wire);
        assertThat(e.timestamp()).isEqualTo(1504642719.23539);
        assertThat(verifier().verify(e).signer()).isEqualTo(KOJI);

        // the same message re-encoded differently (keys reversed, indented, raw UTF-8 for BMP characters,
        // upper-case escapes) parses to the same values, so it still verifies
        byte[] pretty = EnvelopeParser.mapper().writer()
                .without(com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .withDefaultPrettyPrinter().writeValueAsBytes(reversed(e.tree()));
        assertThat(pretty).isNotEqualTo(wire);
        assertThat(new String(pretty, StandardCharsets.UTF_8)).contains("caf\u00e9").contains("\\uD800");
        assertThat(verifier().verify(new EnvelopeParser().parse(pretty)).checked()).isTrue();
    }

    private static com.fasterxml.jackson.databind.JsonNode reversed(com.fasterxml.jackson.databind.JsonNode n) {
        if (!n.isObject()) {
            return n;
        }
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        java.util.Collections.reverse(keys);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String k : keys) {
            out.set(k, reversed(n.get(k)));
        }
        return out;
    }

    @Test
    void garbageCredentials() {
        SignatureVerifier v = verifier();
        ObjectNode t = signed(koji, TOPIC).tree().deepCopy();
        t.put("signature", "%%% not base64 %%%=");
        assertReject(v, parse(t), RejectReason.BAD_SIGNATURE);

        t = signed(koji, TOPIC).tree().deepCopy();
        t.put("signature", "");
        assertReject(v, parse(t), RejectReason.BAD_SIGNATURE);

        t = signed(koji, TOPIC).tree().deepCopy();
        t.put("signature", Base64.getEncoder().encodeToString(new byte[7]));
        assertReject(v, parse(t), RejectReason.BAD_SIGNATURE);

        t = signed(koji, TOPIC).tree().deepCopy();
        t.put("certificate", Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.US_ASCII)));
        assertReject(v, parse(t), RejectReason.UNTRUSTED_CERTIFICATE);

        t = signed(koji, TOPIC).tree().deepCopy();
        t.put("certificate", Base64.getEncoder().encodeToString(
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII)));
        assertReject(v, parse(t), RejectReason.UNTRUSTED_CERTIFICATE);

        t = signed(koji, TOPIC).tree().deepCopy();
        try {
            t.put("certificate", Base64.getEncoder().encodeToString(koji.certificate().getEncoded())); // DER, not PEM
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
        assertReject(v, parse(t), RejectReason.UNTRUSTED_CERTIFICATE);

        t = signed(koji, TOPIC).tree().deepCopy();
        t.put("certificate", "*** not base64 ***=");
        assertReject(v, parse(t), RejectReason.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void steadyStreamUsesTheCertificateCache() {
        SignatureVerifier v = verifier();
        for (int k = 0; k < 200; k++) {
            v.verify(signed(koji, TOPIC));
        }
        SignatureVerifier.CacheStats s = v.cacheStats();
        assertThat(s.validations()).isEqualTo(1);
        assertThat(s.misses()).isEqualTo(1);
        assertThat(s.hits()).isEqualTo(199);
        assertThat(s.size()).isEqualTo(1);
    }

    @Test
    void rewrappedCertificateFieldSharesTheFingerprintEntry() {
        SignatureVerifier v = verifier();
        FedmsgEnvelope e = signed(koji, TOPIC);
        v.verify(e);
        ObjectNode t = e.tree().deepCopy();
        t.put("certificate", t.get("certificate").textValue().replace("\n", ""));
        v.verify(parse(t));
        v.verify(parse(t));
        SignatureVerifier.CacheStats s = v.cacheStats();
        assertThat(s.validations()).isEqualTo(1);
        assertThat(s.size()).isEqualTo(1);
        assertThat(s.hits()).isEqualTo(2);
    }

    @Test
    void unparseableCertificatesAreCachedToo() {
        SignatureVerifier v = verifier();
        ObjectNode t = signed(koji, TOPIC).tree().deepCopy();
        t.put("certificate", Base64.getEncoder().encodeToString("-----BEGIN CERTIFICATE-----\nAAAA\n".getBytes(StandardCharsets.US_ASCII)));
        FedmsgEnvelope e = parse(t);
        for (int k = 0; k < 5; k++) {
            assertReject(v, e, RejectReason.UNTRUSTED_CERTIFICATE);
        }
        assertThat(v.cacheStats().misses()).isEqualTo(1);
        assertThat(v.cacheStats().hits()).isEqualTo(4);
    }

    @Test
    void rejectedCertificatesAreCachedToo() {
        SignatureVerifier v = verifier();
        FedmsgEnvelope e = signed(byImpostor, TOPIC);
        for (int k = 0; k < 50; k++) {
            assertReject(v, e, RejectReason.UNTRUSTED_CERTIFICATE);
        }
        assertThat(v.cacheStats().validations()).isEqualTo(1);
    }

    @Test
    void cacheIsBounded() {
        SignatureVerifier v = new SignatureVerifier(new VerifierSettings(true, caFile, crlFile, null, false),
                Clock.systemUTC(), Duration.ofSeconds(1), 3);
        for (int k = 0; k < 6; k++) {
            LocalPki.Issued c = LocalPki.issue(ca, "host" + k + ".example.org", leafKey,
                    now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)));
            v.verify(signed(c, TOPIC));
        }
        assertThat(v.cacheStats().size()).isEqualTo(3);
        v.invalidateCache();
        assertThat(v.cacheStats().size()).isZero();
    }

    @Test
    void crlChangeOnDiskRevokesACachedCertificate() throws Exception {
        SignatureVerifier v = new SignatureVerifier(new VerifierSettings(true, caFile, crlFile, policyFile, false),
                Clock.systemUTC(), Duration.ZERO, 16);
        FedmsgEnvelope e = signed(koji, TOPIC);
        assertThat(v.verify(e).checked()).isTrue();
        assertThat(v.verify(e).checked()).isTrue();

        writeCrl(List.of(revoked.serial(), koji.serial()));
        Files.setLastModifiedTime(crlFile, FileTime.from(now.plusSeconds(5)));
        assertReject(v, e, RejectReason.REVOKED_CERTIFICATE);
        assertThat(v.cacheStats().validations()).isEqualTo(2);
    }

    @Test
    void policyChangeOnDiskIsPickedUp() throws Exception {
        SignatureVerifier v = new SignatureVerifier(new VerifierSettings(true, caFile, crlFile, policyFile, false),
                Clock.systemUTC(), Duration.ZERO, 16);
        FedmsgEnvelope e = signed(koji, TOPIC);
        v.verify(e);
        Files.writeString(policyFile, "{\"" + TOPIC + "\": [\"someone-else\"]}");
        Files.setLastModifiedTime(policyFile, FileTime.from(now.plusSeconds(5)));
        assertReject(v, e, RejectReason.ROUTING_POLICY);
    }

    @Test
    void unreadableTrustMaterialRefusesEverythingUntilFixed() throws Exception {
        SignatureVerifier v = new SignatureVerifier(new VerifierSettings(true, caFile, crlFile, policyFile, false),
                Clock.systemUTC(), Duration.ZERO, 16);
        FedmsgEnvelope e = signed(koji, TOPIC);
        v.verify(e);
        byte[] good = Files.readAllBytes(caFile);
        Files.writeString(caFile, "garbage");
        assertReject(v, e, RejectReason.UNTRUSTED_CERTIFICATE);
        Files.delete(caFile);
        assertReject(v, e, RejectReason.UNTRUSTED_CERTIFICATE);
        Files.write(caFile, good);
        assertThat(v.verify(e).signer()).isEqualTo(KOJI);
    }

    @Test
    void expiredCrl() throws Exception {
        PemFiles.write(crlFile, LocalPki.createCrl(ca, List.of(), now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1))));
        assertReject(verifier(), signed(koji, TOPIC), RejectReason.CRL_EXPIRED);
    }

    @Test
    void crlNotYetValid() throws Exception {
        PemFiles.write(crlFile, LocalPki.createCrl(ca, List.of(), now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(10))));
        assertReject(verifier(), signed(koji, TOPIC), RejectReason.CRL_EXPIRED);
    }

    @Test
    void crlSignedByImpostorIsRefusedAtStartup() throws Exception {
        PemFiles.write(crlFile, LocalPki.createCrl(impostor, List.of(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1))));
        assertThatThrownBy(this::verifier).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not signed by any CA");
    }

    @Test
    void withoutCrlRevocationIsNotChecked() {
        SignatureVerifier v = new SignatureVerifier(new VerifierSettings(true, caFile, null, null, false));
        assertThat(v.verify(signed(revoked, TOPIC)).signer()).isEqualTo("revoked.example.org");
    }

    @Test
    void intermediateChains() throws Exception {
        PemFiles.write(caFile, ca.certificate(), intermediate.certificate());
        X509CRL rootCrl = LocalPki.createCrl(ca, List.of(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
        X509CRL interCrl = LocalPki.createCrl(intermediate, List.of(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
        PemFiles.write(crlFile, rootCrl, interCrl);
        assertThat(verifier().verify(signed(viaIntermediate, TOPIC + ".x")).signer()).isEqualTo("bodhi.example.org");

        // CRL_CHECK_ALL: the intermediate's own CRL is required
        PemFiles.write(crlFile, rootCrl);
        assertReject(verifier(), signed(viaIntermediate, TOPIC + ".x"), RejectReason.UNTRUSTED_CERTIFICATE);

        // leaf revoked by the intermediate
        PemFiles.write(crlFile, rootCrl, LocalPki.createCrl(intermediate, List.of(viaIntermediate.serial()),
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1))));
        assertReject(verifier(), signed(viaIntermediate, TOPIC + ".x"), RejectReason.REVOKED_CERTIFICATE);

        // intermediate revoked by the root
        PemFiles.write(crlFile, LocalPki.createCrl(ca, List.of(intermediate.certificate().getSerialNumber()),
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1))), interCrl);
        assertReject(verifier(), signed(viaIntermediate, TOPIC + ".x"), RejectReason.REVOKED_CERTIFICATE);

        // without the intermediate in the CA file there is no chain
        PemFiles.write(caFile, ca.certificate());
        PemFiles.write(crlFile, rootCrl);
        assertReject(verifier(), signed(viaIntermediate, TOPIC + ".x"), RejectReason.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void expiredIntermediateIsExpired() throws Exception {
        LocalPki.Authority oldInter = LocalPki.createIntermediate(ca, "old intermediate",
                now.minus(Duration.ofDays(100)), now.minus(Duration.ofHours(1)));
        LocalPki.Issued leaf = LocalPki.issue(oldInter, "late.example.org", leafKey,
                now.minus(Duration.ofDays(2)), now.plus(Duration.ofDays(30)));
        PemFiles.write(caFile, ca.certificate(), oldInter.certificate());
        SignatureVerifier v = new SignatureVerifier(new VerifierSettings(true, caFile, null, null, false));
        assertThatThrownBy(() -> v.verify(signed(leaf, TOPIC)))
                .isInstanceOfSatisfying(RejectedMessageException.class, x -> {
                    assertThat(x.reason()).isEqualTo(RejectReason.EXPIRED_CERTIFICATE);
                    assertThat(x.getMessage()).contains("CA certificate 'old intermediate' expired");
                });
    }

    @Test
    void expiredRootAboveIntermediateIsExpired() throws Exception {
        LocalPki.Authority oldRoot = LocalPki.createAuthority(LocalPki.name("old root"), LocalPki.rsaKeyPair(2048),
                now.minus(Duration.ofDays(400)), now.minus(Duration.ofHours(2)));
        LocalPki.Authority inter = LocalPki.createIntermediate(oldRoot, "inter", now.minus(Duration.ofDays(100)),
                now.plus(Duration.ofDays(100)));
        LocalPki.Issued leaf = LocalPki.issue(inter, "leaf.example.org", leafKey,
                now.minus(Duration.ofDays(2)), now.plus(Duration.ofDays(30)));
        PemFiles.write(caFile, oldRoot.certificate(), inter.certificate());
        SignatureVerifier v = new SignatureVerifier(new VerifierSettings(true, caFile, null, null, false));
        assertThatThrownBy(() -> v.verify(signed(leaf, TOPIC)))
                .isInstanceOfSatisfying(RejectedMessageException.class, x -> {
                    assertThat(x.reason()).isEqualTo(RejectReason.EXPIRED_CERTIFICATE);
                    assertThat(x.getMessage()).contains("CA certificate 'old root' expired");
                });
    }

    @Test
    void unsignedIsReportedEvenWhenTrustMaterialIsBroken() throws Exception {
        SignatureVerifier v = new SignatureVerifier(new VerifierSettings(true, caFile, crlFile, policyFile, false),
                Clock.systemUTC(), Duration.ZERO, 16);
        Files.writeString(caFile, "garbage");
        assertReject(v, parse(envelope(TOPIC)), RejectReason.UNSIGNED);
        assertReject(v, signed(koji, TOPIC), RejectReason.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void caFileMustHoldASelfSignedCa() throws Exception {
        PemFiles.write(caFile, intermediate.certificate());
        assertThatThrownBy(() -> new SignatureVerifier(new VerifierSettings(true, caFile, null, null, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("self-signed");
        Files.writeString(caFile, "");
        assertThatThrownBy(() -> new SignatureVerifier(new VerifierSettings(true, caFile, null, null, false)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignatureVerifier(new VerifierSettings(true, dir.resolve("missing.crt"), null, null, false)))
                .isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> new VerifierSettings(true, null, null, null, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedPolicyIsRefusedAtStartup() throws Exception {
        Files.writeString(policyFile, "{\"topic\": \"not-a-list\"}");
        assertThatThrownBy(this::verifier).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("list");
        Files.writeString(policyFile, "[1]");
        assertThatThrownBy(this::verifier).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cachedVerdictExpiresWithTheCertificate() {
        MutableClock clock = new MutableClock(now);
        LocalPki.Issued shortLived = LocalPki.issue(ca, KOJI, leafKey, now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)));
        SignatureVerifier v = new SignatureVerifier(new VerifierSettings(true, caFile, crlFile, policyFile, false), clock);
        FedmsgEnvelope e = signed(shortLived, TOPIC);
        assertThat(v.verify(e).checked()).isTrue();
        clock.now = now.plus(Duration.ofHours(2));
        assertReject(v, e, RejectReason.EXPIRED_CERTIFICATE);
    }

    @Test
    void validatesAtTheClocksTime() throws Exception {
        // a verifier whose clock is in the past accepts a certificate that has expired since
        LocalPki.Authority older = LocalPki.createAuthority(LocalPki.name("older CA"), LocalPki.rsaKeyPair(2048),
                now.minus(Duration.ofDays(100)), now.plus(Duration.ofDays(100)));
        LocalPki.Issued gone = LocalPki.issue(older, "gone.example.org", leafKey, now.minus(Duration.ofDays(60)),
                now.minus(Duration.ofDays(1)));
        PemFiles.write(caFile, older.certificate());
        SignatureVerifier today = new SignatureVerifier(new VerifierSettings(true, caFile, null, null, false));
        assertReject(today, signed(gone, TOPIC), RejectReason.EXPIRED_CERTIFICATE);
        MutableClock clock = new MutableClock(now.minus(Duration.ofDays(10)));
        SignatureVerifier v = new SignatureVerifier(new VerifierSettings(true, caFile, null, null, false), clock);
        assertThat(v.verify(signed(gone, TOPIC)).signer()).isEqualTo("gone.example.org");
    }

    @Test
    void concurrentVerification() throws Exception {
        SignatureVerifier v = verifier();
        List<FedmsgEnvelope> good = List.of(signed(koji, TOPIC), signed(viaIntermediateFree(), "org.fedoraproject.prod.x"));
        FedmsgEnvelope bad = signed(byImpostor, TOPIC);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                fs.add(pool.submit(() -> {
                    int ok = 0;
                    for (int k = 0; k < 300; k++) {
                        v.verify(good.get(k % 2));
                        ok++;
                        try {
                            v.verify(bad);
                            throw new AssertionError("impostor accepted");
                        } catch (RejectedMessageException expected) {
                            assertThat(expected.reason()).isEqualTo(RejectReason.UNTRUSTED_CERTIFICATE);
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> f : fs) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(300);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(v.cacheStats().size()).isEqualTo(3);
    }

    private static LocalPki.Issued viaIntermediateFree() {
        return LocalPki.issue(ca, "second.example.org", leafKey, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)));
    }

    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
