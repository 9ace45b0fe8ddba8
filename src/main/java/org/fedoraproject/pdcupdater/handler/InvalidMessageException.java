package org.fedoraproject.pdcupdater.handler;

/**
 * A verified message whose content a handler cannot use (a field missing or of the wrong kind for
 * its topic). Retrying cannot help; it is kept as a dead letter with this reason.
 */
public class InvalidMessageException extends RuntimeException {

    public InvalidMessageException(String message) {
        super(message);
    }
}
