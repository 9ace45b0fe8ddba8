package org.fedoraproject.pdcupdater.sandbox.api;

import org.fedoraproject.pdcupdater.sandbox.http.ApiException;

/** Which item of a bulk create failed, for resources that validate a whole batch at once. */
public final class BulkItemException extends RuntimeException {
    private final int index;
    private final ApiException error;

    public BulkItemException(int index, ApiException error) {
        super(error.getMessage(), null, false, false);
        this.index = index;
        this.error = error;
    }

    public int index() {
        return index;
    }

    public ApiException error() {
        return error;
    }
}
