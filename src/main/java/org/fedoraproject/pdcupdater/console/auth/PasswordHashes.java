package org.fedoraproject.pdcupdater.console.auth;

import java.io.Console;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes for {@code config/console-users.properties}: PBKDF2 with HMAC-SHA256, a random salt per user and
 * many iterations, written {@code pbkdf2-sha256:<iterations>:<salt>:<hash>} (Base64). The JDK has everything this
 * needs, so no crypto library is added for it.
 *
 * <p>Run {@code java -cp target/pdc-updater.jar org.fedoraproject.pdcupdater.console.auth.PasswordHashes}: it asks
 * for the password without echo (never take it from the command line, where {@code ps} shows it) and prints the hash.
 */
public final class PasswordHashes {

    static final String SCHEME = "pbkdf2-sha256";
    static final int ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHashes() {
    }

    public static String hash(char[] password) {
        return hash(password, ITERATIONS);
    }

    static String hash(char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + ":" + iterations + ":" + b64.encodeToString(salt) + ":"
                + b64.encodeToString(pbkdf2(password, salt, iterations));
    }

    /** Whether the password matches the stored hash; false (never an exception) for a malformed hash. */
    public static boolean verify(char[] password, String stored) {
        if (password == null || stored == null) {
            return false;
        }
        String[] parts = stored.trim().split(":");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            if (iterations < 1 || expected.length == 0) {
                return false;
            }
            // Constant-time comparison: the time taken does not tell how much of the hash matched.
            return MessageDigest.isEqual(expected, pbkdf2(password, salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Prints the hash of a password typed at the terminal (or, without a terminal, read from standard input). */
    public static void main(String[] args) throws Exception {
        char[] password;
        Console console = System.console();
        if (console != null) {
            password = console.readPassword("Password: ");
            char[] again = console.readPassword("Again: ");
            if (!Arrays.equals(password, again)) {
                System.err.println("The two passwords differ.");
                System.exit(1);
            }
        } else {
            password = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip().toCharArray();
        }
        if (password.length == 0) {
            System.err.println("Empty password refused.");
            System.exit(1);
        }
        System.out.println(hash(password));
        Arrays.fill(password, '\0');
    }
}
