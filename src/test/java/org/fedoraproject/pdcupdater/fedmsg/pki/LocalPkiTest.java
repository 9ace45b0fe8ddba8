package org.fedoraproject.pdcupdater.fedmsg.pki;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalPkiTest {

    static LocalPki.Authority ca;
    static LocalPki.Issued leaf;

    @BeforeAll
    static void pki() {
        ca = LocalPki.createAuthority("test CA");
        leaf = LocalPki.issue(ca, "host.example.org");
    }

    @Test
    void caIsSelfSignedRsa2048Sha256() throws Exception {
        X509Certificate c = ca.certificate();
        c.verify(c.getPublicKey());
        assertThat(c.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(((java.security.interfaces.RSAPublicKey) c.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(c.getBasicConstraints()).isGreaterThanOrEqualTo(Integer.MAX_VALUE - 1);
        assertThat(c.getKeyUsage()[5]).isTrue(); // keyCertSign
        assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=test CA,OU=fedmsg,O=pdc-updater");
    }

    @Test
    void leafIsSignedByCaWithCn() throws Exception {
        X509Certificate c = leaf.certificate();
        c.verify(ca.certificate().getPublicKey());
        assertThat(c.getIssuerX500Principal()).isEqualTo(ca.subject());
        assertThat(c.getSubjectX500Principal().getName()).contains("CN=host.example.org");
        assertThat(c.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.serial().signum()).isPositive();
        assertThat(LocalPki.issue(ca, "host.example.org").serial()).isNotEqualTo(leaf.serial());
    }

    @Test
    void cnIsNotParsedAsADn() {
        X509Certificate c = LocalPki.issue(ca, "evil,O=Other", leaf.keyPair(), Instant.now(),
                Instant.now().plusSeconds(60)).certificate();
        assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=evil\\,O\\=Other,OU=fedmsg,O=pdc-updater");
    }

    @Test
    void impostorHasSameNameDifferentKey() {
        LocalPki.Authority imp = LocalPki.createAuthority(ca.subject(), LocalPki.rsaKeyPair(2048),
                Instant.now(), Instant.now().plus(Duration.ofDays(1)));
        assertThat(imp.subject()).isEqualTo(ca.subject());
        assertThat(imp.certificate().getPublicKey()).isNotEqualTo(ca.certificate().getPublicKey());
        assertThatThrownBy(() -> leaf.certificate().verify(imp.certificate().getPublicKey()))
                .isInstanceOf(java.security.SignatureException.class);
    }

    @Test
    void crlListsSerialsAndIsSignedByCa() throws Exception {
        Instant t = Instant.now();
        X509CRL crl = LocalPki.createCrl(ca, List.of(leaf.serial(), BigInteger.TEN), t, t.plus(Duration.ofDays(1)));
        crl.verify(ca.certificate().getPublicKey());
        assertThat(crl.isRevoked(leaf.certificate())).isTrue();
        assertThat(crl.getRevokedCertificate(BigInteger.TEN)).isNotNull();
        assertThat(crl.getRevokedCertificate(BigInteger.ONE)).isNull();
        assertThat(crl.getNextUpdate()).isNotNull();
    }

    @Test
    void pemRoundTrip(@TempDir Path dir) throws Exception {
        Path certs = dir.resolve("chain.pem");
        PemFiles.write(certs, leaf.certificate(), ca.certificate());
        assertThat(PemFiles.readCertificates(certs)).containsExactly(leaf.certificate(), ca.certificate());
        assertThat(Files.readString(certs)).startsWith("-----BEGIN CERTIFICATE-----");

        Path crlFile = dir.resolve("crl.pem");
        X509CRL crl = LocalPki.createCrl(ca, List.of(leaf.serial()), Instant.now(), null);
        PemFiles.write(crlFile, crl);
        assertThat(Files.readString(crlFile)).startsWith("-----BEGIN X509 CRL-----");
        assertThat(PemFiles.readCrls(crlFile)).containsExactly(crl);

        Path key = dir.resolve("host.key");
        PemFiles.write(key, leaf.keyPair());
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PemFiles.readPrivateKey(key)).isEqualTo(leaf.privateKey());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        }
        assertThat(Files.list(dir)).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void readsTraditionalRsaKeys(@TempDir Path dir) throws Exception {
        // PKCS#1 "RSA PRIVATE KEY", as older fedmsg ssldirs hold
        Path key = dir.resolve("old.key");
        java.io.StringWriter sw = new java.io.StringWriter();
        try (org.bouncycastle.openssl.jcajce.JcaPEMWriter w = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(sw)) {
            w.writeObject(leaf.privateKey());
        }
        Files.writeString(key, sw.toString());
        assertThat(sw.toString()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        java.security.PrivateKey k = PemFiles.readPrivateKey(key);
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(k);
        s.update(new byte[]{1});
        byte[] sig = s.sign();
        s.initVerify(leaf.certificate());
        s.update(new byte[]{1});
        assertThat(s.verify(sig)).isTrue();
        Files.writeString(key, "nothing");
        assertThatThrownBy(() -> PemFiles.readPrivateKey(key)).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void directoryIsCreatedOnceAndReused(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("data/pki");
        LocalPkiDirectory.Layout l = LocalPkiDirectory.ensure(dir, List.of("pdc-updater.local", "publisher.local"));
        for (Path p : List.of(l.caCert(), l.caKey(), l.crl(), l.certFile("pdc-updater.local"),
                l.keyFile("pdc-updater.local"), l.certFile("publisher.local"), l.keyFile("publisher.local"))) {
            assertThat(p).exists();
        }
        X509Certificate c = PemFiles.readCertificate(l.certFile("publisher.local"));
        c.verify(PemFiles.readCertificate(l.caCert()).getPublicKey());
        byte[] caBefore = Files.readAllBytes(l.caCert());
        byte[] certBefore = Files.readAllBytes(l.certFile("publisher.local"));
        byte[] crlBefore = Files.readAllBytes(l.crl());

        LocalPkiDirectory.ensure(dir, List.of("publisher.local"));
        assertThat(Files.readAllBytes(l.caCert())).isEqualTo(caBefore);
        assertThat(Files.readAllBytes(l.certFile("publisher.local"))).isEqualTo(certBefore);
        assertThat(Files.readAllBytes(l.crl())).isEqualTo(crlBefore);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(l.caKey()))).isEqualTo("rw-------");
        }
    }

    @Test
    void revokeAddsToTheCrlAndEnsureReissues(@TempDir Path dir) throws Exception {
        LocalPkiDirectory.Layout l = LocalPkiDirectory.ensure(dir, List.of("pub.local"));
        X509Certificate c = PemFiles.readCertificate(l.certFile("pub.local"));
        LocalPkiDirectory.revoke(l, c);
        X509CRL crl = PemFiles.readCrls(l.crl()).get(0);
        assertThat(crl.isRevoked(c)).isTrue();

        LocalPkiDirectory.ensure(dir, List.of("pub.local"));
        X509Certificate renewed = PemFiles.readCertificate(l.certFile("pub.local"));
        assertThat(renewed.getSerialNumber()).isNotEqualTo(c.getSerialNumber());
        X509CRL after = PemFiles.readCrls(l.crl()).get(0);
        assertThat(after.isRevoked(c)).isTrue(); // revocations survive
        assertThat(after.isRevoked(renewed)).isFalse();
    }

    @Test
    void inconsistentDirectoryIsAnError(@TempDir Path dir) throws Exception {
        LocalPkiDirectory.Layout l = LocalPkiDirectory.ensure(dir, List.of());
        Files.delete(l.caKey());
        assertThatThrownBy(() -> LocalPkiDirectory.ensure(dir, List.of("x.local")))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("inconsistent");
    }

    @Test
    void certnamesCannotEscapeTheDirectory(@TempDir Path dir) {
        for (String bad : List.of("../evil", "a/b", ".hidden", "", "x y")) {
            assertThatThrownBy(() -> LocalPkiDirectory.ensure(dir, List.of(bad)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void expiredCrlIsRenewed(@TempDir Path dir) throws Exception {
        LocalPkiDirectory.Layout l = LocalPkiDirectory.ensure(dir, List.of());
        X509Certificate caCert = PemFiles.readCertificate(l.caCert());
        LocalPki.Authority a = new LocalPki.Authority(
                new java.security.KeyPair(caCert.getPublicKey(), PemFiles.readPrivateKey(l.caKey())), caCert);
        PemFiles.write(l.crl(), LocalPki.createCrl(a, List.of(BigInteger.valueOf(77)),
                Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(1))));
        LocalPkiDirectory.ensure(dir, List.of());
        X509CRL crl = PemFiles.readCrls(l.crl()).get(0);
        assertThat(crl.getNextUpdate().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(300)));
        assertThat(crl.getRevokedCertificate(BigInteger.valueOf(77))).isNotNull();
    }
}
