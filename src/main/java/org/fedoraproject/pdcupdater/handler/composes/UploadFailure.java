package org.fedoraproject.pdcupdater.handler.composes;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The first failure on the source side of a streamed upload (bad manifest, broken download). The HTTP client only
 * sees the body stream fail and aborts the request, which PDC rolls back; this keeps the real cause so the import
 * reports it instead of a generic I/O error, and so that the PDC client's retry does not start the same doomed
 * upload again.
 */
final class UploadFailure {

    private final AtomicReference<RuntimeException> first = new AtomicReference<>();

    /** Records {@code failure} if it is the first one; returns the recorded one. */
    RuntimeException record(RuntimeException failure) {
        first.compareAndSet(null, failure);
        return first.get();
    }

    /** Throws the recorded failure, if any. */
    void rethrow() {
        RuntimeException failure = first.get();
        if (failure != null) {
            throw failure;
        }
    }
}
