package org.fedoraproject.pdcupdater.handler;

import org.fedoraproject.pdcupdater.audit.AuditReport;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;

/**
 * One kind of PDC update, with the three faces of the original pdc-updater's handlers: handle one
 * message, audit PDC against the source system, and initialize PDC from the source system.
 *
 * <p>Which topics reach a handler is decided by {@code routes/dispatch.camel.yaml}; its route is
 * {@code direct:<name>} (see {@code routes/handlers.camel.yaml}). Handlers must be idempotent:
 * the same message may be handled again after a crash, a replay or a dead-letter retry.
 */
public interface Handler {

    /** The handler's name: its route id, its dead-letter name and its {@code --handler} value. */
    String name();

    /**
     * Applies one message to PDC. Every write carries a change comment naming the message.
     *
     * @throws UnknownReleaseException when the message is about a release PDC does not have
     */
    void handle(FedmsgEnvelope message);

    /**
     * Compares PDC with the source system and reports every difference; with {@code repair},
     * fixes what it can, with a change comment saying so.
     */
    AuditReport audit(AuditRequest request);

    /** Loads PDC from the source system; safe to run again (it only adds what is missing). */
    InitializeResult initialize(Progress progress);
}
