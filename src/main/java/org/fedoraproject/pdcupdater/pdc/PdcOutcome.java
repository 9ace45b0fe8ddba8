package org.fedoraproject.pdcupdater.pdc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an idempotent write did.
 *
 * @param object the object as PDC holds it afterwards (as returned by the create/PATCH, or as read)
 * @param kind   what happened
 */
public record PdcOutcome(JsonNode object, Kind kind) {

    public enum Kind {
        /** It existed already (possibly created a moment ago by a concurrent writer or our own timed-out attempt). */
        FOUND,
        /** This call created it. */
        CREATED,
        /** It existed and this call PATCHed the fields that differed. */
        UPDATED,
        /** It existed with the desired values; nothing was sent. */
        UNCHANGED
    }

    public boolean changedSomething() {
        return kind == Kind.CREATED || kind == Kind.UPDATED;
    }
}
