package org.fedoraproject.pdcupdater.handler;

/** Headers of the handler routes. */
public final class HandlerHeaders {

    /** The name of the handler a message is in (set by the {@code handler} route template). */
    public static final String HANDLER = "PdcHandler";

    private HandlerHeaders() {
    }
}
