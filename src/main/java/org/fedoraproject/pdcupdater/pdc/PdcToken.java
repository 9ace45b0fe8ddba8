package org.fedoraproject.pdcupdater.pdc;

import java.util.Objects;

/**
 * The PDC API token (DRF TokenAuthentication key).
 *
 * <p>This is the only class that sees the secret and the only place the {@code Authorization} header value is
 * built, so that a stray {@code toString()}, log line or exception message cannot leak it: everything else in the
 * client holds a {@code PdcToken}, never the string.
 */
public final class PdcToken {

    private final String key;

    private PdcToken(String key) {
        this.key = key;
    }

    /**
     * @throws IllegalArgumentException when the key is blank or contains whitespace/control characters (a token
     *                                  file with two lines, say); the message never repeats the key
     */
    public static PdcToken of(String key) {
        Objects.requireNonNull(key, "token");
        String trimmed = key.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("PDC token is empty");
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                // A header value with CR/LF would be a header injection; a space means a malformed file.
                throw new IllegalArgumentException("PDC token contains whitespace or non-ASCII characters");
            }
        }
        return new PdcToken(trimmed);
    }

    /** The {@code Authorization} header value: {@code Token <key>} (PDC contract 1.2). */
    String authorizationHeader() {
        return "Token " + key;
    }

    /**
     * Replaces every occurrence of the key in {@code text} with {@code [redacted]}. Applied to response bodies before
     * they become part of an exception: a misbehaving server or proxy echoing the header must not leak it.
     */
    String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return text.replace(key, "[redacted]");
    }

    @Override
    public String toString() {
        return "Token[redacted]";
    }
}
