package org.fedoraproject.pdcupdater.fedmsg;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import static org.fedoraproject.pdcupdater.fedmsg.RejectedMessageException.quote;

/**
 * Verifies fedmsg x509 signatures the way {@code fedmsg.crypto.x509_ng.validate} does, with local
 * CA/CRL files only. Thread-safe.
 *
 * <ol>
 *   <li>{@code crypto} must be {@code "x509"} (or absent with a {@code certificate} present, as fedmsg
 *       &lt;= 0.7.2 sent); {@code signature} and {@code certificate} must be present - else
 *       {@link RejectReason#UNSIGNED};</li>
 *   <li>the certificate ({@code certificate} = base64 of the PEM text) must chain to a self-signed CA in
 *       the CA file (PKIX path validation: an impostor CA with the same name fails), every certificate
 *       of the chain, the CA included, must be within its validity dates <em>now</em> (OpenSSL, which
 *       fedmsg uses, checks them at verification time), and, when a CRL file is configured, no
 *       certificate of the chain may be on its issuer's CRL and that CRL must be current (fedmsg sets
 *       {@code CRL_CHECK | CRL_CHECK_ALL}) - else {@code untrusted-certificate},
 *       {@code expired-certificate}, {@code revoked-certificate} or {@code crl-expired};</li>
 *   <li>the RSA PKCS#1 v1.5 SHA-1 signature ({@code signature}, base64, line breaks ignored) must verify
 *       over {@link CanonicalJson#signedForm} of the envelope - else {@code bad-signature};</li>
 *   <li>the first CN of the certificate must be allowed for {@code topic} by the routing policy - else
 *       {@code routing-policy}.</li>
 * </ol>
 *
 * <p>Certificates are cached by the SHA-256 of their PEM bytes (bounded LRU), with a front index by the
 * exact text of the {@code certificate} field, so that a steady stream costs a string lookup, the
 * canonical form and one RSA verification per message. The CA, CRL and policy files are polled for
 * changes (modification time, size) at most once per {@code reloadCheckInterval}; after a change they
 * are reloaded and every cached verdict is recomputed on next use. A cached "trusted" verdict also
 * expires when a certificate in the chain or the CRL it relied on does. If a reload fails, every
 * message is refused ({@code untrusted-certificate}) until the files are readable again - fedmsg too
 * refuses messages when it cannot load the CA/CRL.
 */
public final class SignatureVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(SignatureVerifier.class);

    public static final int DEFAULT_CACHE_SIZE = 1024;
    public static final Duration DEFAULT_RELOAD_CHECK_INTERVAL = Duration.ofSeconds(1);

    private static final Base64.Decoder BASE64 = Base64.getMimeDecoder();
    private static final byte[] PEM_CERT_HEADER = "-----BEGIN CERTIFICATE-----".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<Signature> SHA1_RSA = ThreadLocal.withInitial(() -> newInstance("SHA1withRSA"));
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** What {@link #verify} established. */
    public record Verification(boolean checked, String signer) {
        /** Validation is switched off: nothing was checked. */
        public static final Verification NOT_CHECKED = new Verification(false, null);
    }

    /** Cache counters, for tests and metrics. */
    public record CacheStats(long hits, long misses, long validations, int size) {
    }

    private final VerifierSettings settings;
    private final Clock clock;
    private final long reloadCheckNanos;
    private final int cacheSize;
    private final Map<Fingerprint, CachedCertificate> cache;
    /** Front index by the exact {@code certificate} field text: a hit skips base64 decoding and hashing. */
    private final Map<String, CachedCertificate> byField;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong validations = new AtomicLong();

    private volatile TrustMaterial trust;
    private volatile String trustFailure;
    private volatile long nextReloadCheck;

    public SignatureVerifier(VerifierSettings settings) {
        this(settings, Clock.systemUTC(), DEFAULT_RELOAD_CHECK_INTERVAL, DEFAULT_CACHE_SIZE);
    }

    public SignatureVerifier(VerifierSettings settings, Clock clock) {
        this(settings, clock, DEFAULT_RELOAD_CHECK_INTERVAL, DEFAULT_CACHE_SIZE);
    }

    /**
     * @throws IllegalArgumentException when validation is on and the CA/CRL/policy files are unusable
     * @throws UncheckedIOException     when they cannot be read
     */
    public SignatureVerifier(VerifierSettings settings, Clock clock, Duration reloadCheckInterval, int cacheSize) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reloadCheckNanos = reloadCheckInterval.toNanos();
        if (cacheSize < 1) {
            throw new IllegalArgumentException("cacheSize must be positive");
        }
        this.cacheSize = cacheSize;
        this.cache = new LinkedHashMap<>(Math.min(cacheSize, 1024) * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Fingerprint, CachedCertificate> eldest) {
                return size() > SignatureVerifier.this.cacheSize;
            }
        };
        this.byField = new LinkedHashMap<>(Math.min(cacheSize, 1024) * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CachedCertificate> eldest) {
                return size() > SignatureVerifier.this.cacheSize;
            }
        };
        if (settings.validateSignatures()) {
            TrustMaterial.Stamps stamps = TrustMaterial.Stamps.of(settings);
            try {
                this.trust = TrustMaterial.load(settings, stamps);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read fedmsg trust material: " + e.getMessage(), e);
            }
            this.nextReloadCheck = System.nanoTime() + reloadCheckNanos;
            LOG.info("fedmsg signature validation on: {}", trust);
        } else {
            LOG.warn("fedmsg signature validation is OFF: every message is accepted unchecked");
        }
    }

    public VerifierSettings settings() {
        return settings;
    }

    /**
     * Verifies {@code envelope}; returns the signer's CN, or {@link Verification#NOT_CHECKED} when
     * validation is off.
     *
     * @throws RejectedMessageException with reason unsigned, bad-signature, untrusted-certificate,
     *                                  expired-certificate, revoked-certificate, crl-expired or routing-policy
     */
    public Verification verify(FedmsgEnvelope envelope) {
        if (!settings.validateSignatures()) {
            return Verification.NOT_CHECKED;
        }
        checkSigned(envelope);
        TrustMaterial t = currentTrust();
        byte[] signature = decodeSignature(envelope.signature());

        long now = clock.millis();
        CachedCertificate cc = lookup(envelope.certificate(), t, now);
        if (!cc.verdict.trusted()) {
            throw new RejectedMessageException(cc.verdict.reason(), cc.verdict.message());
        }
        if (!rsaSha1Verify(cc.key, CanonicalJson.signedForm(envelope.tree()), signature)) {
            throw new RejectedMessageException(RejectReason.BAD_SIGNATURE,
                    "signature does not match the message (signer " + quote(cc.cn, 120) + ", msg_id "
                            + quote(envelope.msgId(), 80) + ")");
        }
        if (!t.policy.allows(envelope.topic(), cc.cn, settings.routingNitpicky())) {
            throw new RejectedMessageException(RejectReason.ROUTING_POLICY, (t.policy.covers(envelope.topic())
                    ? "signer " + quote(cc.cn, 120) + " may not publish on topic "
                    : "routing_nitpicky: no routing policy for topic ") + quote(envelope.topic(), 200));
        }
        return new Verification(true, cc.cn);
    }

    /**
     * Checks only that the signature matches the certificate embedded in the message: no CA, CRL, dates
     * or routing policy. This proves the canonical form is byte-exact, but establishes <em>no trust</em>
     * (anyone can embed their own certificate); use {@link #verify} for messages from the bus.
     *
     * @return the certificate's CN
     */
    public static String verifyEmbeddedSignature(FedmsgEnvelope envelope) {
        checkSigned(envelope);
        byte[] signature = decodeSignature(envelope.signature());
        X509Certificate cert = parseCertificate(decodeCertificate(envelope.certificate()));
        PublicKey key = cert.getPublicKey();
        requireRsa(key);
        String cn = TrustMaterial.commonName(cert);
        if (!rsaSha1Verify(key, CanonicalJson.signedForm(envelope.tree()), signature)) {
            throw new RejectedMessageException(RejectReason.BAD_SIGNATURE,
                    "signature does not match the message (signer " + quote(cn, 120) + ")");
        }
        return cn;
    }

    public CacheStats cacheStats() {
        synchronized (cache) {
            return new CacheStats(hits.get(), misses.get(), validations.get(), cache.size());
        }
    }

    /** Drops every cached certificate. */
    public void invalidateCache() {
        synchronized (cache) {
            cache.clear();
            byField.clear();
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static void checkSigned(FedmsgEnvelope e) {
        String crypto = e.crypto();
        if (crypto != null) {
            if (!crypto.equals("x509")) {
                throw new RejectedMessageException(RejectReason.UNSIGNED,
                        "crypto backend " + quote(crypto, 20) + " is not accepted (only x509)");
            }
        } else if (e.certificate() == null) {
            throw new RejectedMessageException(RejectReason.UNSIGNED, e.signature() == null
                    ? "message is not signed" : "signature without certificate (gpg?) is not accepted");
        }
        if (e.signature() == null) {
            throw new RejectedMessageException(RejectReason.UNSIGNED, "no signature field");
        }
        if (e.certificate() == null) {
            throw new RejectedMessageException(RejectReason.UNSIGNED, "no certificate field");
        }
    }

    private static byte[] decodeSignature(String s) {
        try {
            byte[] b = BASE64.decode(s);
            if (b.length == 0) {
                throw new RejectedMessageException(RejectReason.BAD_SIGNATURE, "empty signature");
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw new RejectedMessageException(RejectReason.BAD_SIGNATURE, "signature is not base64", e);
        }
    }

    private static byte[] decodeCertificate(String s) {
        try {
            return BASE64.decode(s);
        } catch (IllegalArgumentException e) {
            throw new RejectedMessageException(RejectReason.UNTRUSTED_CERTIFICATE, "certificate is not base64", e);
        }
    }

    private static X509Certificate parseCertificate(byte[] pem) {
        // fedmsg loads it with load_pem_x509_certificate: PEM only (Java would also take DER).
        if (indexOf(pem, PEM_CERT_HEADER) < 0) {
            throw new RejectedMessageException(RejectReason.UNTRUSTED_CERTIFICATE,
                    "certificate field is not a PEM certificate");
        }
        try {
            return (X509Certificate) TrustMaterial.certificateFactory()
                    .generateCertificate(new ByteArrayInputStream(pem));
        } catch (CertificateException | RuntimeException e) {
            throw new RejectedMessageException(RejectReason.UNTRUSTED_CERTIFICATE,
                    "certificate cannot be parsed: " + e.getMessage(), e);
        }
    }

    private static void requireRsa(PublicKey key) {
        if (!(key instanceof RSAPublicKey)) {
            throw new RejectedMessageException(RejectReason.BAD_SIGNATURE,
                    "certificate key is " + key.getAlgorithm() + ", x509 signatures are RSA");
        }
    }

    private static boolean rsaSha1Verify(PublicKey key, byte[] data, byte[] signature) {
        Signature s = SHA1_RSA.get();
        try {
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (InvalidKeyException e) {
            throw new RejectedMessageException(RejectReason.BAD_SIGNATURE, "unusable certificate key: " + e.getMessage(), e);
        } catch (SignatureException e) {
            return false; // malformed signature (wrong length etc.)
        }
    }

    private CachedCertificate lookup(String field, TrustMaterial t, long now) {
        CachedCertificate cc;
        synchronized (cache) {
            cc = byField.get(field);
        }
        if (cc != null && cc.trust == t && cc.verdict.holdsAt(now)) {
            hits.incrementAndGet();
            return cc;
        }
        byte[] pem = decodeCertificate(field);
        Fingerprint fp = Fingerprint.of(pem);
        synchronized (cache) {
            cc = cache.get(fp);
        }
        if (cc != null && cc.trust == t && cc.verdict.holdsAt(now)) {
            hits.incrementAndGet();
            synchronized (cache) {
                byField.put(field, cc);
            }
            return cc;
        }
        misses.incrementAndGet();
        CachedCertificate fresh;
        if (cc != null && cc.cert != null) {
            fresh = evaluate(cc.cert, cc.key, cc.cn, t, now);
        } else {
            X509Certificate cert;
            PublicKey key;
            try {
                cert = parseCertificate(pem);
                key = cert.getPublicKey();
                requireRsa(key);
            } catch (RejectedMessageException e) {
                // Remember unusable certificates too, so that a flood of them costs no parsing.
                fresh = new CachedCertificate(null, null, null, t, new TrustMaterial.Verdict(
                        e.reason(), e.getMessage(), now, now + TrustMaterial.NEGATIVE_VERDICT_MILLIS));
                put(fp, field, fresh);
                return fresh;
            }
            fresh = evaluate(cert, key, TrustMaterial.commonName(cert), t, now);
        }
        put(fp, field, fresh);
        return fresh;
    }

    private CachedCertificate evaluate(X509Certificate cert, PublicKey key, String cn, TrustMaterial t, long now) {
        TrustMaterial.Verdict verdict;
        if (cn == null) {
            // fedmsg would fail on subject.get_attributes_for_oid(COMMON_NAME)[0]
            verdict = new TrustMaterial.Verdict(RejectReason.UNTRUSTED_CERTIFICATE,
                    "certificate " + TrustMaterial.subject(cert) + " has no CN", Long.MIN_VALUE, Long.MAX_VALUE);
        } else {
            validations.incrementAndGet();
            verdict = t.check(cert, Instant.ofEpochMilli(now));
        }
        return new CachedCertificate(cert, key, cn, t, verdict);
    }

    private void put(Fingerprint fp, String field, CachedCertificate cc) {
        synchronized (cache) {
            cache.put(fp, cc);
            byField.put(field, cc);
        }
    }

    private TrustMaterial currentTrust() {
        if (System.nanoTime() - nextReloadCheck >= 0) {
            maybeReload();
        }
        TrustMaterial t = trust;
        if (t == null) {
            throw new RejectedMessageException(RejectReason.UNTRUSTED_CERTIFICATE,
                    "fedmsg trust material is unusable: " + trustFailure);
        }
        return t;
    }

    private synchronized void maybeReload() {
        long nowNanos = System.nanoTime();
        if (nowNanos - nextReloadCheck < 0) {
            return;
        }
        nextReloadCheck = nowNanos + reloadCheckNanos;
        TrustMaterial.Stamps stamps = TrustMaterial.Stamps.of(settings);
        TrustMaterial current = trust;
        if (current != null && current.stamps.equals(stamps)) {
            return;
        }
        try {
            TrustMaterial loaded = TrustMaterial.load(settings, stamps);
            trust = loaded;
            trustFailure = null;
            LOG.info("fedmsg trust material reloaded: {}", loaded);
        } catch (IOException | RuntimeException e) {
            trust = null;
            trustFailure = e.getMessage();
            LOG.error("fedmsg trust material cannot be reloaded, refusing all messages until fixed: {}", e.toString());
        }
    }

    private static Signature newInstance(String algorithm) {
        try {
            return Signature.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private record CachedCertificate(X509Certificate cert, PublicKey key, String cn, TrustMaterial trust,
                                     TrustMaterial.Verdict verdict) {
    }

    /** SHA-256 of the certificate's PEM bytes. */
    private record Fingerprint(long a, long b, long c, long d) {
        static Fingerprint of(byte[] pem) {
            MessageDigest md = SHA256.get();
            md.reset();
            byte[] h = md.digest(pem);
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(h);
            return new Fingerprint(bb.getLong(), bb.getLong(), bb.getLong(), bb.getLong());
        }
    }
}
