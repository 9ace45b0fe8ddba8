package org.fedoraproject.pdcupdater.pdc;

/**
 * PDC refused a create (or rename) because the object already exists: any of the three duplicate shapes of contract
 * 1.9, per-endpoint variants, or a bulk error wrapping one (see {@link DuplicateErrors}).
 *
 * <p>When {@link #possiblyOwnWrite()} is true, an earlier attempt of the same POST timed out or lost its connection,
 * so the existing object may be the one this client created: for get-or-create that is success, which is exactly
 * what {@link PdcClient#ensure} does with it.
 */
public class PdcDuplicateException extends PdcException {

    public PdcDuplicateException(String message, Failure failure) {
        super(message, failure, null);
    }

    /** The duplicate may be the effect of this client's own earlier, uncertain attempt. */
    public boolean possiblyOwnWrite() {
        return afterUncertainAttempt();
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
