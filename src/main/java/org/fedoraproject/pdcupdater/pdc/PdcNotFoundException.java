package org.fedoraproject.pdcupdater.pdc;

/**
 * 404 Not Found: the detail URL names no object, a page is past the end, or (in an import/RPC) a referenced object is missing.
 */
public class PdcNotFoundException extends PdcException {

    public PdcNotFoundException(String message, Failure failure) {
        super(message, failure, null);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
