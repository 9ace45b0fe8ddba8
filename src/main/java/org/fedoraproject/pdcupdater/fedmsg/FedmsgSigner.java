package org.fedoraproject.pdcupdater.fedmsg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.fedmsg.pki.PemFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * Signs fedmsg envelopes like {@code fedmsg.crypto.x509_ng.sign}: sets {@code crypto: "x509"}, signs
 * {@link CanonicalJson#signedForm} of the envelope with RSA PKCS#1 v1.5 / SHA-1, and adds
 * {@code signature} (base64) and {@code certificate} (base64 of the certificate's PEM text), both cut
 * into 76-character lines with a final newline as fedmsg's {@code _prep_crypto_msg} does. Thread-safe.
 */
public final class FedmsgSigner {

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final String certificateField;
    private final String signerName;

    /** @throws IllegalArgumentException when the key does not belong to the certificate */
    public FedmsgSigner(PrivateKey key, X509Certificate certificate) {
        this.key = Objects.requireNonNull(key, "key");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.certificateField = wrap76(Base64.getEncoder().encodeToString(
                pem(certificate).getBytes(StandardCharsets.US_ASCII)));
        this.signerName = TrustMaterial.commonName(certificate);
        byte[] probe = "pdc-updater key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature v = Signature.getInstance("SHA1withRSA");
            v.initVerify(certificate.getPublicKey());
            v.update(probe);
            if (!v.verify(rawSign(probe))) {
                throw new IllegalArgumentException("the private key does not belong to certificate "
                        + certificate.getSubjectX500Principal());
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable signing key/certificate: " + e.getMessage(), e);
        }
    }

    /** Loads a PEM private key (PKCS#8 or PKCS#1) and certificate. */
    public static FedmsgSigner fromPemFiles(Path keyFile, Path certFile) throws IOException {
        return new FedmsgSigner(PemFiles.readPrivateKey(keyFile), PemFiles.readCertificate(certFile));
    }

    /** fedmsg's layout: {@code <ssldir>/<certname>.key} and {@code <ssldir>/<certname>.crt}. */
    public static FedmsgSigner fromSsldir(Path ssldir, String certname) throws IOException {
        return fromPemFiles(ssldir.resolve(certname + ".key"), ssldir.resolve(certname + ".crt"));
    }

    /** The certificate's CN: the name routing policies list. */
    public String signerName() {
        return signerName;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Returns a signed copy of {@code envelope} (the input is not modified). An existing signature or
     * certificate is replaced (fedmsg would sign over them; verifiers strip them, so they must go).
     */
    public ObjectNode sign(ObjectNode envelope) {
        ObjectNode m = envelope.deepCopy();
        m.remove(CanonicalJson.SIGNATURE);
        m.remove(CanonicalJson.CERTIFICATE);
        m.put("crypto", "x509");
        byte[] sig = rawSign(CanonicalJson.signedForm(m));
        m.put(CanonicalJson.SIGNATURE, wrap76(Base64.getEncoder().encodeToString(sig)));
        m.put(CanonicalJson.CERTIFICATE, certificateField);
        return m;
    }

    /** The signed envelope as fedmsg puts it on the wire (frame 2): its canonical JSON. */
    public byte[] signToBytes(ObjectNode envelope) {
        return CanonicalJson.encode(sign(envelope));
    }

    /**
     * A new envelope like {@code fedmsg.core.FedMsgContext.publish} builds it: {@code topic}, {@code msg},
     * {@code timestamp} (whole seconds), {@code msg_id} ({@code <year>-<uuid4>}), {@code i},
     * {@code username}.
     */
    public static ObjectNode newEnvelope(String topic, JsonNode msg, long i, String username, Clock clock) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        long now = clock.millis() / 1000;
        m.put("topic", topic);
        m.set("msg", msg == null ? JsonNodeFactory.instance.objectNode() : msg);
        m.put("timestamp", now);
        m.put("msg_id", clock.instant().atZone(ZoneOffset.UTC).getYear() + "-" + UUID.randomUUID());
        m.put("i", i);
        m.put("username", username);
        return m;
    }

    private byte[] rawSign(byte[] data) {
        try {
            Signature s = Signature.getInstance("SHA1withRSA");
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign: " + e.getMessage(), e);
        }
    }

    /** PEM text as Python's cryptography writes it: 64-character lines, trailing newline. */
    static String pem(X509Certificate cert) {
        try {
            String b64 = Base64.getEncoder().encodeToString(cert.getEncoded());
            StringBuilder sb = new StringBuilder(b64.length() + 80).append("-----BEGIN CERTIFICATE-----\n");
            for (int k = 0; k < b64.length(); k += 64) {
                sb.append(b64, k, Math.min(b64.length(), k + 64)).append('\n');
            }
            return sb.append("-----END CERTIFICATE-----\n").toString();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** fedmsg's {@code _prep_crypto_msg}: lines of 76 characters joined by newlines, plus a final newline. */
    static String wrap76(String s) {
        StringBuilder sb = new StringBuilder(s.length() + s.length() / 76 + 2);
        for (int k = 0; k < s.length(); k += 76) {
            if (k > 0) {
                sb.append('\n');
            }
            sb.append(s, k, Math.min(s.length(), k + 76));
        }
        return sb.append('\n').toString();
    }
}
