package org.fedoraproject.pdcupdater.source.http;

/**
 * A source system (FAS, pkgdb, dist-git, MBS) could not answer a call. The message names the source
 * and the URL with credentials removed, so it is safe to log and to store with a dead letter.
 */
public class SourceException extends RuntimeException {

    /** Status used when no HTTP response arrived at all (connection refused, timeout). */
    public static final int NO_RESPONSE = 0;

    private final String source;
    private final String url;
    private final int status;
    private final boolean transientFailure;

    public SourceException(String source, String url, int status, boolean transientFailure, String message,
            Throwable cause) {
        super(message, cause);
        this.source = source;
        this.url = url;
        this.status = status;
        this.transientFailure = transientFailure;
    }

    /** Which source system, e.g. {@code pkgdb}. */
    public String source() {
        return source;
    }

    /** The URL called, with user info and secret-looking query values masked. */
    public String url() {
        return url;
    }

    /** The HTTP status, or {@link #NO_RESPONSE}. */
    public int status() {
        return status;
    }

    /**
     * True when trying again later may succeed (no response, 5xx, 429): callers may park the message
     * for replay instead of rejecting it.
     */
    public boolean isTransient() {
        return transientFailure;
    }
}
