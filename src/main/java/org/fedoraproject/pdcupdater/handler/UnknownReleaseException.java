package org.fedoraproject.pdcupdater.handler;

/**
 * A message names a release that PDC does not have. Releases are made by hand in PDC, never by
 * this service, so the message waits as a dead letter until an operator creates the release and
 * retries it.
 */
public class UnknownReleaseException extends RuntimeException {

    private final String release;

    public UnknownReleaseException(String release, String context) {
        super("unknown release " + release + " (" + context + "): create it in PDC by hand, then retry");
        this.release = release;
    }

    public String release() {
        return release;
    }
}
