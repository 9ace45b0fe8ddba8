package org.fedoraproject.pdcupdater.handler.composes;

import org.fedoraproject.pdcupdater.handler.InvalidMessageException;

/**
 * The compose a message points at has metadata this service refuses to import: not productmd, another compose's id,
 * a manifest that ends early. Permanent (an {@link InvalidMessageException}): the same files give the same answer,
 * so the message waits as a dead letter for a person, and PDC was not changed by it.
 */
public class InvalidComposeMetadataException extends InvalidMessageException {

    public InvalidComposeMetadataException(String message) {
        super(message);
    }
}
