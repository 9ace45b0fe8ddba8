package org.fedoraproject.pdcupdater.fedmsg.pki;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.security.auth.x500.X500Principal;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Objects;

/**
 * A small X.509 authority built with BouncyCastle: a self-signed CA (RSA, SHA256withRSA), certificates
 * it issues for fedmsg publishers (CN = the fedmsg cert name), intermediate CAs and CRLs.
 *
 * <p>Used for the local CA of the embedded default (see {@link LocalPkiDirectory}) and by tests, which
 * also build the hostile cases: revoked, expired and not-yet-valid certificates, and an impostor CA
 * with the same name as the real one but another key ({@link #createAuthority(X500Principal, KeyPair,
 * Instant, Instant)} with the real CA's subject).
 */
public final class LocalPki {

    public static final int DEFAULT_KEY_BITS = 2048;
    public static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    public static final Duration DEFAULT_CA_VALIDITY = Duration.ofDays(3650);
    public static final Duration DEFAULT_CERT_VALIDITY = Duration.ofDays(825);
    /** Certificates start to be valid a little in the past, to tolerate clock skew. */
    public static final Duration BACKDATE = Duration.ofHours(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A CA: its key pair and certificate. */
    public record Authority(KeyPair keyPair, X509Certificate certificate) {
        public Authority {
            Objects.requireNonNull(keyPair, "keyPair");
            Objects.requireNonNull(certificate, "certificate");
        }

        public X500Principal subject() {
            return certificate.getSubjectX500Principal();
        }

        public PrivateKey privateKey() {
            return keyPair.getPrivate();
        }
    }

    /** A certificate issued by an {@link Authority}, with its key pair. */
    public record Issued(KeyPair keyPair, X509Certificate certificate) {
        public Issued {
            Objects.requireNonNull(keyPair, "keyPair");
            Objects.requireNonNull(certificate, "certificate");
        }

        public BigInteger serial() {
            return certificate.getSerialNumber();
        }

        public PrivateKey privateKey() {
            return keyPair.getPrivate();
        }
    }

    private LocalPki() {
    }

    public static KeyPair rsaKeyPair(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits, RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /** {@code O=pdc-updater, OU=fedmsg, CN=<commonName>}; the CN is taken literally (no DN parsing). */
    public static X500Principal name(String commonName) {
        X500Name n = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "pdc-updater")
                .addRDN(BCStyle.OU, "fedmsg")
                .addRDN(BCStyle.CN, commonName)
                .build();
        try {
            return new X500Principal(n.getEncoded());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new self-signed CA named {@link #name(String) name(commonName)}, RSA 2048, valid ten years. */
    public static Authority createAuthority(String commonName) {
        Instant now = Instant.now();
        return createAuthority(name(commonName), rsaKeyPair(DEFAULT_KEY_BITS), now.minus(BACKDATE),
                now.plus(DEFAULT_CA_VALIDITY));
    }

    /** A self-signed CA with the given subject and key; pass another CA's subject to build an impostor. */
    public static Authority createAuthority(X500Principal subject, KeyPair keyPair, Instant notBefore, Instant notAfter) {
        X509Certificate cert = build(subject, keyPair.getPublic(), subject, keyPair.getPrivate(), null,
                notBefore, notAfter, true, -1);
        return new Authority(keyPair, cert);
    }

    /** A CA certificate issued by {@code parent} (path length 0: it may only issue end certificates). */
    public static Authority createIntermediate(Authority parent, String commonName, Instant notBefore, Instant notAfter) {
        KeyPair kp = rsaKeyPair(DEFAULT_KEY_BITS);
        X509Certificate cert = build(name(commonName), kp.getPublic(), parent.subject(), parent.privateKey(),
                parent.certificate(), notBefore, notAfter, true, 0);
        return new Authority(kp, cert);
    }

    /** A publisher certificate with CN {@code commonName}, RSA 2048, valid from an hour ago for 825 days. */
    public static Issued issue(Authority ca, String commonName) {
        Instant now = Instant.now();
        return issue(ca, commonName, rsaKeyPair(DEFAULT_KEY_BITS), now.minus(BACKDATE), now.plus(DEFAULT_CERT_VALIDITY));
    }

    /** A publisher certificate with explicit key and validity (e.g. already expired, or not yet valid). */
    public static Issued issue(Authority ca, String commonName, KeyPair keyPair, Instant notBefore, Instant notAfter) {
        X509Certificate cert = build(name(commonName), keyPair.getPublic(), ca.subject(), ca.privateKey(),
                ca.certificate(), notBefore, notAfter, false, -1);
        return new Issued(keyPair, cert);
    }

    /** A CRL of {@code ca} listing {@code revokedSerials} (revoked at {@code thisUpdate}). */
    public static X509CRL createCrl(Authority ca, Collection<BigInteger> revokedSerials, Instant thisUpdate,
                                    Instant nextUpdate) {
        try {
            X509v2CRLBuilder b = new JcaX509v2CRLBuilder(ca.certificate(), Date.from(thisUpdate));
            if (nextUpdate != null) {
                b.setNextUpdate(Date.from(nextUpdate));
            }
            for (BigInteger serial : revokedSerials) {
                b.addCRLEntry(serial, Date.from(thisUpdate), 0);
            }
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    ext.createAuthorityKeyIdentifier(ca.certificate()));
            b.addExtension(Extension.cRLNumber, false,
                    new CRLNumber(BigInteger.valueOf(thisUpdate.getEpochSecond())));
            X509CRLHolder holder = b.build(signer(ca.privateKey()));
            return new JcaX509CRLConverter().getCRL(holder);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create CRL", e);
        }
    }

    /** A fresh random positive serial number (127 bits). */
    public static BigInteger randomSerial() {
        return new BigInteger(127, RANDOM).setBit(0);
    }

    private static X509Certificate build(X500Principal subject, PublicKey subjectKey, X500Principal issuer,
                                         PrivateKey issuerKey, X509Certificate issuerCert, Instant notBefore,
                                         Instant notAfter, boolean ca, int pathLen) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, randomSerial(),
                    Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            if (issuerCert != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerCert));
            }
            if (ca) {
                b.addExtension(Extension.basicConstraints, true,
                        pathLen >= 0 ? new BasicConstraints(pathLen) : new BasicConstraints(true));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            }
            return new JcaX509CertificateConverter().getCertificate(b.build(signer(issuerKey)));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create certificate", e);
        }
    }

    private static ContentSigner signer(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with " + SIGNATURE_ALGORITHM, e);
        }
    }
}
