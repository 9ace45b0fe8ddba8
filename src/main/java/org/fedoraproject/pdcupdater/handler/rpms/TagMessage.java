package org.fedoraproject.pdcupdater.handler.rpms;

import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.InvalidMessageException;

/**
 * The content of a Koji {@code buildsys.tag} / {@code buildsys.untag} message: which build went into (or out of)
 * which tag, on which Koji instance. Messages from before Koji put {@code build_id} into them name the build by
 * N-V-R only.
 */
record TagMessage(boolean tagged, String tag, String instance, OptionalInt buildId, String name, String version,
                  String release) {

    /** Koji's main hub; secondary-architecture hubs send the same topics for builds the main hub does not have. */
    static final String PRIMARY = "primary";

    static TagMessage of(FedmsgEnvelope message) {
        boolean tagged;
        if (message.topic().endsWith(".buildsys.tag")) {
            tagged = true;
        } else if (message.topic().endsWith(".buildsys.untag")) {
            tagged = false;
        } else {
            throw new InvalidMessageException("the rpms handler takes buildsys.tag and buildsys.untag, not "
                    + message.topic());
        }
        ObjectNode msg = message.msg();
        JsonNode id = msg.path("build_id");
        OptionalInt buildId;
        if (id.isMissingNode() || id.isNull()) {
            buildId = OptionalInt.empty();
        } else if (id.canConvertToInt() && id.isIntegralNumber()) {
            buildId = OptionalInt.of(id.intValue());
        } else {
            throw new InvalidMessageException("build_id is not an integer: " + id);
        }
        JsonNode instance = msg.path("instance");
        return new TagMessage(tagged, text(msg, "tag"), instance.isTextual() ? instance.asText() : PRIMARY, buildId,
                text(msg, "name"), text(msg, "version"), text(msg, "release"));
    }

    private static String text(ObjectNode msg, String field) {
        JsonNode value = msg.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidMessageException("msg." + field + " is missing or not text");
        }
        return value.asText();
    }

    boolean fromPrimaryHub() {
        return PRIMARY.equals(instance);
    }

    String nvr() {
        return name + "-" + version + "-" + release;
    }

    @Override
    public String toString() {
        return (tagged ? "tag " : "untag ") + nvr() + (buildId.isPresent() ? " (build " + buildId.getAsInt() + ")" : "")
                + (tagged ? " into " : " from ") + tag;
    }
}
