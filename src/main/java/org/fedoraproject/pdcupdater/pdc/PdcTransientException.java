package org.fedoraproject.pdcupdater.pdc;

/**
 * A failure that may go away: no connection, connection reset, timeout, 5xx (PDC answers unhandled errors with 503),
 * 408, 409 (a database integrity error, typically a concurrent create) and 429. The client has already retried it
 * {@code maxAttempts} times when this reaches the caller; a route may still dead-letter it for a later replay.
 */
public class PdcTransientException extends PdcException {

    public PdcTransientException(String message, Failure failure, Throwable cause) {
        super(message, failure, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
