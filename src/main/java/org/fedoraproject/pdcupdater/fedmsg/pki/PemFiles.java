package org.fedoraproject.pdcupdater.fedmsg.pki;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CRL;
import java.security.cert.CRLException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reading and writing PEM files: certificates, CRLs, private keys. */
public final class PemFiles {

    private PemFiles() {
    }

    /**
     * PEM text of the given objects ({@link X509Certificate}, {@link X509CRL}, {@link PrivateKey} or
     * {@link KeyPair} - keys as unencrypted PKCS#8 {@code PRIVATE KEY}), one after another.
     */
    public static String toPem(Object... objects) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            for (Object o : objects) {
                if (o instanceof KeyPair kp) {
                    o = kp.getPrivate();
                }
                if (o instanceof PrivateKey pk) {
                    w.writeObject(new JcaPKCS8Generator(pk, null));
                } else {
                    w.writeObject(o);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write PEM: " + e.getMessage(), e);
        }
        return sw.toString();
    }

    /**
     * Writes {@link #toPem} of the objects to {@code file}, atomically (temporary file + rename) so that a
     * reader polling the file never sees half of it. A file holding a private key is made readable by
     * its owner only.
     */
    public static void write(Path file, Object... objects) throws IOException {
        boolean secret = false;
        for (Object o : objects) {
            secret |= o instanceof PrivateKey || o instanceof KeyPair;
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
            }
            Files.writeString(tmp, toPem(objects), StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Every certificate in a PEM (or DER) file, in order. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        return parseCertificates(Files.readAllBytes(file), file.toString());
    }

    /** The first certificate in a PEM file. */
    public static X509Certificate readCertificate(Path file) throws IOException {
        List<X509Certificate> all = readCertificates(file);
        if (all.isEmpty()) {
            throw new IOException("no certificate in " + file);
        }
        return all.get(0);
    }

    static List<X509Certificate> parseCertificates(byte[] data, String source) throws IOException {
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(data))) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (CertificateException e) {
            throw new IOException("cannot parse certificates in " + source + ": " + e.getMessage(), e);
        }
    }

    /** Every CRL in a PEM (or DER) file, in order. */
    public static List<X509CRL> readCrls(Path file) throws IOException {
        try {
            List<X509CRL> out = new ArrayList<>();
            for (CRL c : CertificateFactory.getInstance("X.509").generateCRLs(new ByteArrayInputStream(Files.readAllBytes(file)))) {
                out.add((X509CRL) c);
            }
            return out;
        } catch (CertificateException | CRLException e) {
            throw new IOException("cannot parse CRLs in " + file + ": " + e.getMessage(), e);
        }
    }

    /** An unencrypted private key: PKCS#8 ({@code PRIVATE KEY}) or PKCS#1 ({@code RSA PRIVATE KEY}). */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            Object o;
            while ((o = p.readObject()) != null) {
                if (o instanceof PEMKeyPair kp) {
                    return conv.getKeyPair(kp).getPrivate();
                }
                if (o instanceof PrivateKeyInfo pki) {
                    return conv.getPrivateKey(pki);
                }
            }
        }
        throw new IOException("no unencrypted private key in " + file);
    }
}
