package org.fedoraproject.pdcupdater.fedmsg;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable snapshot of the CA certificates, CRLs and routing policy loaded from the files named
 * in {@link VerifierSettings}, with the chain/CRL check of fedmsg's {@code _validate_signing_cert}
 * (pyOpenSSL {@code X509Store} + {@code X509StoreContext.verify_certificate}) done with Java's PKIX.
 */
final class TrustMaterial {

    /** Modification time and size of the three files; a change means reload. */
    record Stamps(FileStamp ca, FileStamp crl, FileStamp policy) {
        static Stamps of(VerifierSettings s) {
            return new Stamps(FileStamp.of(s.caCert()), FileStamp.of(s.crl()), FileStamp.of(s.routingPolicy()));
        }
    }

    record FileStamp(long modifiedMillis, long size, Object fileKey) {
        static final FileStamp NONE = new FileStamp(-1, -1, null);

        static FileStamp of(Path p) {
            if (p == null) {
                return NONE;
            }
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                return new FileStamp(a.lastModifiedTime().toMillis(), a.size(), a.fileKey());
            } catch (IOException e) {
                return new FileStamp(-2, -2, null);
            }
        }
    }

    /**
     * Outcome of checking a certificate against this trust material. {@code reason == null} means
     * trusted. The verdict holds for times in [{@code validFrom}, {@code validUntil}) (epoch millis).
     */
    record Verdict(RejectReason reason, String message, long validFrom, long validUntil) {
        boolean trusted() {
            return reason == null;
        }

        boolean holdsAt(long nowMillis) {
            return nowMillis >= validFrom && nowMillis < validUntil;
        }
    }

    /** How long a negative verdict that does not depend on dates is reused before being recomputed. */
    static final long NEGATIVE_VERDICT_MILLIS = 60_000;

    final Stamps stamps;
    final Set<TrustAnchor> anchors;
    final List<X509Certificate> anchorCerts;
    final List<X509Certificate> intermediates;
    /** null when no CRL file is configured. */
    final List<LoadedCrl> crls;
    final RoutingPolicy policy;
    private final String caSource;
    private final String crlSource;

    /** A CRL with the CA certificates (from the CA file) whose key verifies its signature. */
    record LoadedCrl(X509CRL crl, List<X509Certificate> signers) {
        boolean signedBy(X509Certificate issuer) {
            for (X509Certificate s : signers) {
                if (s.equals(issuer)) {
                    return true;
                }
            }
            return false;
        }
    }

    private TrustMaterial(Stamps stamps, List<X509Certificate> anchorCerts, List<X509Certificate> intermediates,
                          List<LoadedCrl> crls, RoutingPolicy policy, String caSource, String crlSource) {
        this.stamps = stamps;
        this.anchorCerts = List.copyOf(anchorCerts);
        this.intermediates = List.copyOf(intermediates);
        Set<TrustAnchor> a = new HashSet<>();
        for (X509Certificate c : anchorCerts) {
            a.add(new TrustAnchor(c, null));
        }
        this.anchors = Set.copyOf(a);
        this.crls = crls == null ? null : List.copyOf(crls);
        this.policy = policy;
        this.caSource = caSource;
        this.crlSource = crlSource;
    }

    /**
     * Loads the files named in {@code settings}. Throws {@link IOException} when a file cannot be read
     * and {@link IllegalArgumentException} when its content is unusable (no self-signed CA, a CRL not
     * signed by any CA in the CA file, a malformed routing policy).
     */
    static TrustMaterial load(VerifierSettings settings, Stamps stamps) throws IOException {
        CertificateFactory cf = certificateFactory();
        Path caPath = Objects.requireNonNull(settings.caCert(), "caCert");
        List<X509Certificate> all = new ArrayList<>();
        try {
            for (Certificate c : cf.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(caPath)))) {
                all.add((X509Certificate) c);
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("CA file " + caPath + " cannot be parsed: " + e.getMessage(), e);
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("CA file " + caPath + " holds no certificate");
        }
        List<X509Certificate> anchors = new ArrayList<>();
        List<X509Certificate> intermediates = new ArrayList<>();
        for (X509Certificate c : all) {
            (isSelfSigned(c) ? anchors : intermediates).add(c);
        }
        if (anchors.isEmpty()) {
            // OpenSSL (and so fedmsg) only accepts chains that end in a self-signed CA.
            throw new IllegalArgumentException("CA file " + caPath + " holds no self-signed CA certificate");
        }

        List<LoadedCrl> crls = null;
        Path crlPath = settings.crl();
        if (crlPath != null) {
            crls = new ArrayList<>();
            Collection<? extends java.security.cert.CRL> parsed;
            try {
                parsed = cf.generateCRLs(new ByteArrayInputStream(Files.readAllBytes(crlPath)));
            } catch (java.security.cert.CRLException e) {
                throw new IllegalArgumentException("CRL file " + crlPath + " cannot be parsed: " + e.getMessage(), e);
            }
            if (parsed.isEmpty()) {
                throw new IllegalArgumentException("CRL file " + crlPath + " holds no CRL");
            }
            for (java.security.cert.CRL c : parsed) {
                X509CRL crl = (X509CRL) c;
                List<X509Certificate> signers = new ArrayList<>();
                for (X509Certificate ca : all) {
                    if (ca.getSubjectX500Principal().equals(crl.getIssuerX500Principal()) && verifies(crl, ca)) {
                        signers.add(ca);
                    }
                }
                if (signers.isEmpty()) {
                    throw new IllegalArgumentException("CRL in " + crlPath + " issued by '"
                            + crl.getIssuerX500Principal() + "' is not signed by any CA certificate in " + caPath);
                }
                crls.add(new LoadedCrl(crl, signers));
            }
        }

        RoutingPolicy policy = settings.routingPolicy() == null
                ? RoutingPolicy.empty() : RoutingPolicy.load(settings.routingPolicy());
        return new TrustMaterial(stamps, anchors, intermediates, crls, policy,
                caPath.toString(), crlPath == null ? null : crlPath.toString());
    }

    static CertificateFactory certificateFactory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("no X.509 support in this JVM", e);
        }
    }

    static boolean isSelfSigned(X509Certificate c) {
        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean verifies(X509CRL crl, X509Certificate ca) {
        try {
            crl.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * Checks {@code cert} like OpenSSL's {@code X509_verify_cert} with {@code CRL_CHECK | CRL_CHECK_ALL}:
     * the chain must end in a self-signed CA from the CA file, every certificate in it (the CA too)
     * must be within its validity period at {@code now}, and when CRLs are configured every
     * certificate below the CA must be covered by a current CRL signed by its issuer and not be on it.
     */
    Verdict check(X509Certificate cert, Instant now) {
        long nowMillis = now.toEpochMilli();
        long negativeUntil = nowMillis + NEGATIVE_VERDICT_MILLIS;
        List<X509Certificate> chain; // cert first, then intermediates, then the anchor
        X509Certificate anchorCert = anchorMatching(cert);
        if (anchorCert != null) {
            chain = List.of(cert);
        } else {
            PKIXCertPathBuilderResult result;
            try {
                result = build(cert, Date.from(now));
            } catch (CertPathBuilderException e) {
                return classifyBuildFailure(cert, now, e, negativeUntil);
            }
            chain = new ArrayList<>();
            for (Certificate c : result.getCertPath().getCertificates()) {
                chain.add((X509Certificate) c);
            }
            anchorCert = result.getTrustAnchor().getTrustedCert();
            chain.add(anchorCert);
        }

        long validFrom = Long.MIN_VALUE;
        long validUntil = Long.MAX_VALUE;
        for (X509Certificate c : chain) {
            long nb = c.getNotBefore().getTime();
            long na = c.getNotAfter().getTime();
            if (nowMillis < nb || nowMillis > na) {
                // Java's PKIX does not always check the trust anchor's dates; OpenSSL does.
                String who = c == cert ? "certificate " + subject(cert) : "CA certificate " + subject(c);
                String what = nowMillis > na ? " expired at " + c.getNotAfter().toInstant()
                        : " is not valid before " + c.getNotBefore().toInstant();
                return new Verdict(RejectReason.EXPIRED_CERTIFICATE, who + what, Long.MIN_VALUE,
                        nowMillis > na ? Long.MAX_VALUE : nb);
            }
            validFrom = Math.max(validFrom, nb);
            validUntil = Math.min(validUntil, na + 1);
        }

        if (crls != null) {
            for (int k = 0; k < chain.size() - 1; k++) {
                X509Certificate c = chain.get(k);
                X509Certificate issuer = chain.get(k + 1);
                boolean covered = false;
                boolean current = false;
                boolean notYet = false;
                long crlUntil = Long.MIN_VALUE;
                for (LoadedCrl lc : crls) {
                    if (!lc.signedBy(issuer)) {
                        continue;
                    }
                    covered = true;
                    X509CRL crl = lc.crl();
                    if (crl.isRevoked(c)) {
                        return new Verdict(RejectReason.REVOKED_CERTIFICATE, "certificate " + subject(c)
                                + " serial " + c.getSerialNumber().toString(16) + " is on the CRL of "
                                + subject(issuer), nowMillis, negativeUntil);
                    }
                    long tu = crl.getThisUpdate().getTime();
                    long nu = crl.getNextUpdate() == null ? Long.MAX_VALUE : crl.getNextUpdate().getTime();
                    if (nowMillis < tu) {
                        notYet = true;
                    } else if (nowMillis <= nu) {
                        current = true;
                        crlUntil = Math.max(crlUntil, nu == Long.MAX_VALUE ? nu : nu + 1);
                    }
                }
                if (!covered) {
                    return new Verdict(RejectReason.UNTRUSTED_CERTIFICATE, "no CRL from "
                            + subject(issuer) + " in " + crlSource + " to check " + subject(c),
                            nowMillis, negativeUntil);
                }
                if (!current) {
                    if (notYet) {
                        return new Verdict(RejectReason.CRL_EXPIRED, "the CRL of " + subject(issuer) + " in "
                                + crlSource + " is not valid yet", nowMillis, negativeUntil);
                    }
                    return new Verdict(RejectReason.CRL_EXPIRED, "the CRL of " + subject(issuer) + " in "
                            + crlSource + " is past its nextUpdate; revocation cannot be checked",
                            nowMillis, negativeUntil);
                }
                validUntil = Math.min(validUntil, crlUntil);
            }
        }
        return new Verdict(null, "trusted", validFrom, validUntil);
    }

    private X509Certificate anchorMatching(X509Certificate cert) {
        for (X509Certificate a : anchorCerts) {
            if (a.equals(cert)) {
                return a;
            }
        }
        return null;
    }

    private PKIXCertPathBuilderResult build(X509Certificate cert, Date date) throws CertPathBuilderException {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(cert);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            params.setRevocationEnabled(false); // CRLs are checked by hand: local files only, specific reasons
            params.setDate(date);
            List<X509Certificate> pool = new ArrayList<>(intermediates.size() + 1);
            pool.addAll(intermediates);
            pool.add(cert);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            return (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
        } catch (java.security.InvalidAlgorithmParameterException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("PKIX is not available", e);
        }
    }

    /**
     * A chain that fails now but can be built at another time (a validity boundary of the certificate, an
     * intermediate or a CA) is "expired"; anything else is "untrusted". Only runs for certificates that
     * fail, and the verdict is cached.
     */
    private Verdict classifyBuildFailure(X509Certificate cert, Instant now, CertPathBuilderException e,
                                         long negativeUntil) {
        long nowMillis = now.toEpochMilli();
        List<Date> probes = new ArrayList<>();
        probes.add(cert.getNotAfter());
        probes.add(cert.getNotBefore());
        for (X509Certificate i : intermediates) {
            probes.add(i.getNotAfter());
            probes.add(i.getNotBefore());
        }
        for (X509Certificate a : anchorCerts) { // Java's builder also wants the anchor valid at the date
            probes.add(a.getNotAfter());
            probes.add(a.getNotBefore());
        }
        for (Date probe : probes) {
            if (probe.getTime() == nowMillis) {
                continue;
            }
            PKIXCertPathBuilderResult r;
            try {
                r = build(cert, probe);
            } catch (CertPathBuilderException ignored) {
                continue;
            }
            List<X509Certificate> path = new ArrayList<>();
            for (Certificate c : r.getCertPath().getCertificates()) {
                path.add((X509Certificate) c);
            }
            path.add(r.getTrustAnchor().getTrustedCert());
            for (X509Certificate x : path) {
                boolean expired = nowMillis > x.getNotAfter().getTime();
                if (expired || nowMillis < x.getNotBefore().getTime()) {
                    String who = x.equals(cert) ? "certificate " + subject(cert) : "CA certificate " + subject(x);
                    String what = expired ? " expired at " + x.getNotAfter().toInstant()
                            : " is not valid before " + x.getNotBefore().toInstant();
                    return new Verdict(RejectReason.EXPIRED_CERTIFICATE, who + what, nowMillis, negativeUntil);
                }
            }
        }
        String detail = e.getMessage();
        if (detail == null || detail.isBlank()) {
            detail = e.getClass().getSimpleName();
        }
        return new Verdict(RejectReason.UNTRUSTED_CERTIFICATE, "certificate " + subject(cert)
                + " does not chain to a CA in " + caSource + " (" + detail + ")", nowMillis, negativeUntil);
    }

    static String subject(X509Certificate c) {
        String cn = commonName(c);
        return cn != null ? "'" + RejectedMessageException.quote(cn, 120).replace("'", "") + "'"
                : "'" + c.getSubjectX500Principal().getName() + "'";
    }

    /**
     * The first CN of the certificate's subject, as fedmsg takes it
     * ({@code subject.get_attributes_for_oid(COMMON_NAME)[0].value}), or null when there is none.
     */
    static String commonName(X509Certificate cert) {
        X500Name name = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (BCStyle.CN.equals(atv.getType())) {
                    ASN1Encodable v = atv.getValue();
                    return v instanceof ASN1String s ? s.getString() : v.toString();
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "TrustMaterial[ca=" + caSource + " (" + anchorCerts.size() + " anchors, " + intermediates.size()
                + " intermediates), crl=" + crlSource + (crls == null ? "" : " (" + crls.size() + ")")
                + ", policy topics=" + policy.size() + "]";
    }
}
