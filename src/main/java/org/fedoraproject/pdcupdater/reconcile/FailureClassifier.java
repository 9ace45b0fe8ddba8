package org.fedoraproject.pdcupdater.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.fedoraproject.pdcupdater.handler.InvalidMessageException;
import org.fedoraproject.pdcupdater.handler.UnknownReleaseException;
import org.fedoraproject.pdcupdater.pdc.PdcException;
import org.fedoraproject.pdcupdater.source.http.SourceException;
import org.fedoraproject.pdcupdater.source.koji.KojiHttpException;
import org.fedoraproject.pdcupdater.source.koji.KojiUnavailableException;

/**
 * Decides whether a handler failure can go away by itself (PDC or a source system down) or needs
 * a person (unknown release, data PDC refuses, a bad token). Both are dead-lettered; the
 * difference is how soon and how often reconciliation tries again.
 */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    public static boolean isTransient(Throwable failure) {
        return !isPermanent(failure);
    }

    public static boolean isPermanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownReleaseException || t instanceof InvalidMessageException) {
                return true;
            }
            if (t instanceof PdcException pdc) {
                return !pdc.isRetryable();
            }
            if (t instanceof SourceException source) {
                return !source.isTransient();
            }
            if (t instanceof KojiUnavailableException) {
                return false;
            }
            if (t instanceof KojiHttpException http) {
                return !http.isTransient();
            }
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return false;
            }
        }
        // An unexpected exception is most likely a bug or data we do not understand: a person should look.
        return true;
    }

    /** A short reason for the dead-letter list: what an operator reads first. */
    public static String reason(Throwable failure) {
        if (failure instanceof UnknownReleaseException) {
            return "unknown release: " + failure.getMessage();
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
