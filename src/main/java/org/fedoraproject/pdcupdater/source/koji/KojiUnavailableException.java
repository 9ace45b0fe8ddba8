package org.fedoraproject.pdcupdater.source.koji;

/**
 * Koji could not be reached or kept failing transiently (I/O errors, timeouts, 5xx, 429) until the
 * retries ran out. The cause is the last failure. The message was not wrong: handle it again later.
 */
public class KojiUnavailableException extends RuntimeException {

    private final int attempts;

    public KojiUnavailableException(String message, int attempts, Throwable cause) {
        super(message, cause);
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }
}
