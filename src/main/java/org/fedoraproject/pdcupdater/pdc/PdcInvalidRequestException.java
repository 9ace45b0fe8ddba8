package org.fedoraproject.pdcupdater.pdc;

/**
 * The server refused the request as wrong (400 other than a duplicate, 405, 413, ...). Permanent: the same request will fail again; {@link #body()} carries PDC's field errors.
 */
public class PdcInvalidRequestException extends PdcException {

    public PdcInvalidRequestException(String message, Failure failure) {
        super(message, failure, null);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
