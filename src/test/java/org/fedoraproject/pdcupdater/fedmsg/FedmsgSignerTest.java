package org.fedoraproject.pdcupdater.fedmsg;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.fedmsg.pki.LocalPki;
import org.fedoraproject.pdcupdater.fedmsg.pki.LocalPkiDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FedmsgSignerTest {

    /**
     * Signed by CPython 3.11 + cryptography 48 following fedmsg.crypto.x509_ng.sign step by step
     * (json.dumps(sort_keys=True, separators=(',', ':')), PKCS1v15/SHA1, base64 cut at 76 characters),
     * with a throw-away self-signed RSA-1024 certificate (CN python-fedmsg.example.org). The body is
     * full of the canonical-form traps: astral and BMP-private-use keys, DEL, NUL, floats, big ints.
     */
    static final String PYTHON_SIGNED =
            "{\"certificate\":\"LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUIrekNDQVdTZ0F3SUJBZ0lDRUpJd0RRWUpL\\nb1" +
            "pJaHZjTkFRRUxCUUF3UXpFTE1Ba0dBMVVFQmhNQ1ZWTXgKRURBT0JnTlZCQW9NQjBWNFlXMXdi\\nR1V4SWpBZ0JnTlZCQU1NR1h" +
            "CNWRHaHZiaTFtWldSdGMyY3VaWGhoYlhCcwpaUzV2Y21jd0hoY05N\\nalF3TVRBeE1EQXdNREF3V2hjTk16TXhNakk1TURBd01E" +
            "QXdXakJETVFzd0NRWURWUVFHCkV3SlZV\\nekVRTUE0R0ExVUVDZ3dIUlhoaGJYQnNaVEVpTUNBR0ExVUVBd3daY0hsMGFHOXVMV" +
            "1psWkcxelp5\\nNWwKZUdGdGNHeGxMbTl5WnpDQm56QU5CZ2txaGtpRzl3MEJBUUVGQUFPQmpRQXdnWWtDZ1lFQXQ2\\nSTlxNmM" +
            "vWmhOQQpzNTVqckJ3U3hHNHhIaVdyQUxSWXUzZldGNUMzajFQUFY2ajRWV3I5SDY2bStC\\nTjh0R20vWnpDRld0cmNwcXNHCmhW" +
            "TGp3VGxJVEZXbG1ZZGRad1FjZGNUcGtwTjBMOWJxQlFEYVhw\\ncGJVVno0N3VUVWdtUkM2V01kMjEwYzhtb3AKdTQ0TkJ5bFdqa" +
            "mtBSTZBYlhkYURCVG9ETlphR2Mx\\nc0NBd0VBQVRBTkJna3Foa2lHOXcwQkFRc0ZBQU9CZ1FBNAp2akREb1RsOHd6aCtWa2VHZH" +
            "F1alJx\\nUldSa3ppUXBaNzRjTEhrMGJETlY1NHNocFJrMGthL3FxMFNHQ1ZFODV4Cm1Cb0pZRmpqZ2daZ0Q2\\nYkNObUZURldI" +
            "U2JLeVFIR3JBSDl1THU5aVdIWHVNVnlxRUxxcGpqMEtFUUpqaXFFZXkKME1OaEpU\\nb3VuTXZKdXlqYlBaajlZTnh2RnprcmpRN" +
            "DVnYkV6Z24xMktnPT0KLS0tLS1FTkQgQ0VSVElGSUNB\\nVEUtLS0tLQo=\\n\",\"crypto\":\"x509\",\"i\":42,\"msg\"" +
            ":{\"Zkey\":4,\"floats\":[1504642719.23539,1e+16,5e-324,-0.0,1.0,1e-05,123456789012345.0,1.2345678901" +
            "234568e+16,0.1,2.5e-07,1e+22],\"ints\":[0,-1,9223372036854775808,-1180591620717411303424,90071992547" +
            "40993],\"nested\":{\"a\":{},\"b\":[true,false,null]},\"unicode\":\"caf\\u00e9 \\u20ac \\ud83d\\ude00" +
            " \\u4e2d\\u6587 \\u007f \\u0000 \\t\\n\\\"\\\\/\",\"zkey\":5,\"\\ue000key\":3,\"\\uffffkey\":2,\"\\u" +
            "d83d\\ude00key\":1},\"msg_id\":\"2024-0a6a2a5e-6a52-4e1b-9d8c-0c1f0f2b6c11\",\"signature\":\"bYkojos" +
            "CIYo8c7uyxcfcUg43lnK/YD9EHzj3PO/Jzgq6Vpb7zh/4OMArwD7kpgSuZ8IBQzDEs0qG\\n/d+rp8Bf3F8hMPIwXW6HhWokT2UM" +
            "gHwCYv0pGB57QJKy96QKugxrd35zFvtxfJo7t+WqfVTzwsbo\\ntRF6aNIhtOiens8YrxA=\\n\",\"timestamp\":170406720" +
            "0,\"topic\":\"org.fedoraproject.dev.pdcupdater.crosscheck\",\"username\":\"tester\"}";

    static LocalPki.Authority ca;
    static LocalPki.Issued leaf;

    @BeforeAll
    static void pki() {
        ca = LocalPki.createAuthority("signer test CA");
        leaf = LocalPki.issue(ca, "publisher.example.org");
    }

    @Test
    void verifiesAMessageSignedByPython() {
        FedmsgEnvelope e = new EnvelopeParser().parse("org.fedoraproject.dev.pdcupdater.crosscheck",
                PYTHON_SIGNED.getBytes(StandardCharsets.US_ASCII));
        assertThat(SignatureVerifier.verifyEmbeddedSignature(e)).isEqualTo("python-fedmsg.example.org");
        // and our canonical form of the whole envelope is byte-identical to what Python put on the wire
        assertThat(CanonicalJson.encodeToString(e.tree())).isEqualTo(PYTHON_SIGNED);
    }

    @Test
    void pythonSignedMessageFailsWhenTouched() {
        String tampered = PYTHON_SIGNED.replace("\"i\":42", "\"i\":43");
        FedmsgEnvelope e = new EnvelopeParser().parse(tampered.getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> SignatureVerifier.verifyEmbeddedSignature(e))
                .isInstanceOfSatisfying(RejectedMessageException.class,
                        x -> assertThat(x.reason()).isEqualTo(RejectReason.BAD_SIGNATURE));
    }

    @Test
    void producesFedmsgWireFormat() throws Exception {
        FedmsgSigner signer = new FedmsgSigner(leaf.privateKey(), leaf.certificate());
        ObjectNode env = FedmsgSigner.newEnvelope("org.fedoraproject.dev.test", JsonNodeFactory.instance.objectNode()
                .put("b", 1).put("a", "\u00e9"), 5, "tester", Clock.systemUTC());
        byte[] wire = signer.signToBytes(env);
        String text = new String(wire, StandardCharsets.US_ASCII);

        assertThat(text).startsWith("{\"certificate\":\"").contains("\"crypto\":\"x509\"")
                .contains("\"msg\":{\"a\":\"\\u00e9\",\"b\":1}").doesNotContain(" ");
        ObjectNode tree = (ObjectNode) EnvelopeParser.mapper().readTree(wire);
        assertThat(CanonicalJson.encode(tree)).isEqualTo(wire); // already canonical

        for (String field : List.of("signature", "certificate")) {
            String v = tree.get(field).textValue();
            assertThat(v).endsWith("\n");
            String[] lines = v.substring(0, v.length() - 1).split("\n", -1);
            for (int k = 0; k < lines.length - 1; k++) {
                assertThat(lines[k]).hasSize(76);
            }
            assertThat(lines[lines.length - 1].length()).isBetween(1, 76);
        }
        String pem = new String(Base64.getMimeDecoder().decode(tree.get("certificate").textValue()), StandardCharsets.US_ASCII);
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("\n-----END CERTIFICATE-----\n");
        assertThat(pem.lines().skip(1).findFirst().orElseThrow()).hasSize(64);
        assertThat(Base64.getMimeDecoder().decode(tree.get("signature").textValue())).hasSize(256);

        assertThat(SignatureVerifier.verifyEmbeddedSignature(new EnvelopeParser().parse(wire)))
                .isEqualTo("publisher.example.org");
        assertThat(signer.signerName()).isEqualTo("publisher.example.org");
    }

    @Test
    void wrap76MatchesFedmsgPrepCryptoMsg() {
        assertThat(FedmsgSigner.wrap76("abc")).isEqualTo("abc\n");
        String s76 = "x".repeat(76);
        assertThat(FedmsgSigner.wrap76(s76)).isEqualTo(s76 + "\n");
        assertThat(FedmsgSigner.wrap76(s76 + "yz")).isEqualTo(s76 + "\nyz\n");
    }

    @Test
    void signReturnsACopyAndReplacesOldCredentials() {
        FedmsgSigner signer = new FedmsgSigner(leaf.privateKey(), leaf.certificate());
        ObjectNode env = FedmsgSigner.newEnvelope("t.x", null, 1, null, Clock.systemUTC());
        env.put("signature", "old");
        env.put("certificate", "old");
        ObjectNode signed = signer.sign(env);
        assertThat(env.get("signature").textValue()).isEqualTo("old");
        assertThat(env.has("crypto")).isFalse();
        assertThat(signed.get("signature").textValue()).isNotEqualTo("old");
        SignatureVerifier.verifyEmbeddedSignature(new EnvelopeParser().parse(CanonicalJson.encode(signed)));
    }

    @Test
    void newEnvelopeLooksLikeFedmsgCore() {
        Clock clock = Clock.fixed(Instant.parse("2017-09-05T20:24:35.750Z"), ZoneOffset.UTC);
        ObjectNode env = FedmsgSigner.newEnvelope("org.fedoraproject.dev.x", null, 9, "me", clock);
        assertThat(env.get("timestamp").isIntegralNumber()).isTrue();
        assertThat(env.get("timestamp").longValue()).isEqualTo(1504643075L);
        assertThat(env.get("msg_id").textValue()).matches("2017-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(env.get("i").longValue()).isEqualTo(9);
        assertThat(env.get("msg").isObject()).isTrue();
        FedmsgEnvelope parsed = new EnvelopeParser().parse(CanonicalJson.encode(env));
        assertThat(parsed.username()).isEqualTo("me");
    }

    @Test
    void keyMustMatchCertificate() {
        LocalPki.Issued other = LocalPki.issue(ca, "other.example.org");
        assertThatThrownBy(() -> new FedmsgSigner(other.privateKey(), leaf.certificate()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loadsFromAnSsldir(@TempDir Path dir) throws Exception {
        LocalPkiDirectory.Layout l = LocalPkiDirectory.ensure(dir, List.of("relay.example.org"));
        FedmsgSigner signer = FedmsgSigner.fromSsldir(dir, "relay.example.org");
        assertThat(signer.signerName()).isEqualTo("relay.example.org");
        byte[] wire = signer.signToBytes(FedmsgSigner.newEnvelope("org.fedoraproject.dev.t", null, 1, "u", Clock.systemUTC()));
        SignatureVerifier v = new SignatureVerifier(new VerifierSettings(true, l.caCert(), l.crl(), null, true));
        assertThatThrownBy(() -> v.verify(new EnvelopeParser().parse(wire)))
                .isInstanceOfSatisfying(RejectedMessageException.class,
                        x -> assertThat(x.reason()).isEqualTo(RejectReason.ROUTING_POLICY)); // nitpicky, no policy
        SignatureVerifier relaxed = new SignatureVerifier(new VerifierSettings(true, l.caCert(), l.crl(), null, false));
        assertThat(relaxed.verify(new EnvelopeParser().parse(wire)).signer()).isEqualTo("relay.example.org");
    }
}
