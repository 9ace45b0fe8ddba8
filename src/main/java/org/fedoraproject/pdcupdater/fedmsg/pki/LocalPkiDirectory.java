package org.fedoraproject.pdcupdater.fedmsg.pki;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The on-disk local CA of the embedded default (e.g. {@code data/pki/}), laid out like a fedmsg
 * {@code ssldir}: {@code ca.crt}, {@code ca.key}, {@code crl.pem}, and {@code <certname>.crt} /
 * {@code <certname>.key} per publisher (the certificate's CN is the cert name).
 */
public final class LocalPkiDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPkiDirectory.class);
    private static final Pattern CERTNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    /** Certificates and the CRL are renewed when they have less than this left. */
    public static final Duration RENEW_BEFORE = Duration.ofDays(30);
    public static final Duration CRL_VALIDITY = Duration.ofDays(365);
    public static final String CA_COMMON_NAME = "pdc-updater local fedmsg CA";

    /** Paths of the files in a local PKI directory. */
    public record Layout(Path dir) {
        public Path caCert() {
            return dir.resolve("ca.crt");
        }

        public Path caKey() {
            return dir.resolve("ca.key");
        }

        public Path crl() {
            return dir.resolve("crl.pem");
        }

        public Path certFile(String certname) {
            return dir.resolve(checkCertname(certname) + ".crt");
        }

        public Path keyFile(String certname) {
            return dir.resolve(checkCertname(certname) + ".key");
        }
    }

    private LocalPkiDirectory() {
    }

    static String checkCertname(String certname) {
        if (certname == null || !CERTNAME.matcher(certname).matches()) {
            throw new IllegalArgumentException("invalid cert name (letters, digits, '.', '_', '-'): " + certname);
        }
        return certname;
    }

    /**
     * Makes sure {@code dir} holds a CA, a current CRL and a certificate + key for each cert name;
     * creates what is missing and renews what is about to expire (keeping revoked serials). Existing
     * valid files are left alone, so this is safe to call on every start.
     */
    public static Layout ensure(Path dir, Collection<String> certnames) throws IOException {
        Layout l = new Layout(dir);
        certnames.forEach(LocalPkiDirectory::checkCertname);
        Files.createDirectories(dir);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        Instant now = Instant.now();
        LocalPki.Authority ca = loadOrCreateAuthority(l, now);

        boolean crlUsable = false;
        Set<BigInteger> revoked = new TreeSet<>();
        if (Files.exists(l.crl())) {
            for (X509CRL crl : PemFiles.readCrls(l.crl())) {
                if (signedBy(crl, ca)) {
                    if (crl.getRevokedCertificates() != null) {
                        for (X509CRLEntry e : crl.getRevokedCertificates()) {
                            revoked.add(e.getSerialNumber());
                        }
                    }
                    crlUsable = crl.getNextUpdate() != null
                            && crl.getNextUpdate().toInstant().isAfter(now.plus(RENEW_BEFORE));
                }
            }
        }
        if (!crlUsable) {
            writeCrl(l, ca, revoked, now);
        }

        for (String name : certnames) {
            Path crt = l.certFile(name);
            Path key = l.keyFile(name);
            if (Files.exists(crt) && Files.exists(key)) {
                X509Certificate c = PemFiles.readCertificate(crt);
                if (signedBy(c, ca) && !revoked.contains(c.getSerialNumber())
                        && c.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE))) {
                    continue;
                }
            }
            LocalPki.Issued issued = LocalPki.issue(ca, name);
            PemFiles.write(key, issued.keyPair());
            PemFiles.write(crt, issued.certificate());
            LOG.info("issued local fedmsg certificate {} (serial {})", crt, issued.serial().toString(16));
        }
        return l;
    }

    /** Adds {@code cert} to the directory's CRL (re-signed, valid for {@link #CRL_VALIDITY}). */
    public static void revoke(Layout l, X509Certificate cert) throws IOException {
        Instant now = Instant.now();
        LocalPki.Authority ca = loadOrCreateAuthority(l, now);
        Set<BigInteger> revoked = new TreeSet<>();
        if (Files.exists(l.crl())) {
            for (X509CRL crl : PemFiles.readCrls(l.crl())) {
                if (signedBy(crl, ca) && crl.getRevokedCertificates() != null) {
                    for (X509CRLEntry e : crl.getRevokedCertificates()) {
                        revoked.add(e.getSerialNumber());
                    }
                }
            }
        }
        revoked.add(cert.getSerialNumber());
        writeCrl(l, ca, revoked, now);
    }

    private static void writeCrl(Layout l, LocalPki.Authority ca, Collection<BigInteger> revoked, Instant now)
            throws IOException {
        X509CRL crl = LocalPki.createCrl(ca, new ArrayList<>(revoked), now.minus(LocalPki.BACKDATE),
                now.plus(CRL_VALIDITY));
        PemFiles.write(l.crl(), crl);
        LOG.info("wrote local fedmsg CRL {} ({} revoked)", l.crl(), revoked.size());
    }

    private static LocalPki.Authority loadOrCreateAuthority(Layout l, Instant now) throws IOException {
        boolean haveCert = Files.exists(l.caCert());
        boolean haveKey = Files.exists(l.caKey());
        if (haveCert && haveKey) {
            List<X509Certificate> certs = PemFiles.readCertificates(l.caCert());
            if (certs.isEmpty()) {
                throw new IOException("no certificate in " + l.caCert());
            }
            PrivateKey key = PemFiles.readPrivateKey(l.caKey());
            X509Certificate cert = certs.get(0);
            if (cert.getNotAfter().toInstant().isAfter(now)) {
                return new LocalPki.Authority(new KeyPair(cert.getPublicKey(), key), cert);
            }
            LOG.warn("local fedmsg CA {} expired at {}; creating a new one", l.caCert(), cert.getNotAfter());
        } else if (haveCert || haveKey) {
            throw new IOException("local PKI in " + l.dir() + " is inconsistent: need both ca.crt and ca.key");
        }
        LocalPki.Authority ca = LocalPki.createAuthority(CA_COMMON_NAME);
        PemFiles.write(l.caKey(), ca.keyPair());
        PemFiles.write(l.caCert(), ca.certificate());
        LOG.info("created local fedmsg CA {}", l.caCert());
        return ca;
    }

    private static boolean signedBy(X509Certificate c, LocalPki.Authority ca) {
        try {
            c.verify(ca.certificate().getPublicKey());
            return c.getIssuerX500Principal().equals(ca.subject());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean signedBy(X509CRL crl, LocalPki.Authority ca) {
        try {
            crl.verify(ca.certificate().getPublicKey());
            return crl.getIssuerX500Principal().equals(ca.subject());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
