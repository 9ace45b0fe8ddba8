package org.fedoraproject.pdcupdater.pdc;

/**
 * 401 (no, malformed or invalid token: PDC answers 401 to any method, reads included, when the token is bad) or
 * 403 (the token's user lacks the resource permission). Permanent: retrying with the same token cannot help.
 * The message tells the operator to check the token file; it never contains the token.
 */
public class PdcAuthException extends PdcException {

    public PdcAuthException(String message, Failure failure) {
        super(message, failure, null);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
