package org.fedoraproject.pdcupdater.handler.composes;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.InvalidMessageException;
import org.fedoraproject.pdcupdater.source.compose.ComposeLocation;
import org.fedoraproject.pdcupdater.source.compose.ComposeMetadataClient;

/**
 * What a {@code pungi.compose.status.change} message says: {@code {"compose_id", "status", "location"}}, where
 * location is the compose's {@code compose/} directory (pungi-fedmsg-notification).
 */
record ComposeMessage(String composeId, String status, ComposeLocation location) {

    /** FINISHED or FINISHED_INCOMPLETE: the only states in which the metadata is complete. */
    boolean finished() {
        return ComposeMetadataClient.FINISHED.contains(status);
    }

    /** @throws InvalidMessageException when a field is missing or the location is not a URL */
    static ComposeMessage of(FedmsgEnvelope message) {
        JsonNode msg = message.msg();
        String status = text(msg, "status");
        String composeId = text(msg, "compose_id");
        String location = text(msg, "location");
        if (status == null) {
            throw new InvalidMessageException("pungi.compose.status.change without msg.status");
        }
        if (!ComposeMetadataClient.FINISHED.contains(status)) {
            return new ComposeMessage(composeId, status, null);
        }
        if (composeId == null || location == null) {
            throw new InvalidMessageException("pungi.compose.status.change " + status + " needs msg.compose_id and "
                    + "msg.location, got " + msg);
        }
        try {
            return new ComposeMessage(composeId, status, ComposeLocation.parse(location));
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException("pungi.compose.status.change: unusable msg.location '" + location
                    + "': " + e.getMessage());
        }
    }

    private static String text(JsonNode msg, String field) {
        JsonNode v = msg.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText().strip() : null;
    }
}
