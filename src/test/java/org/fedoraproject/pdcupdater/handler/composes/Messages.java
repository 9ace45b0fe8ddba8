package org.fedoraproject.pdcupdater.handler.composes;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;

/** pungi.compose.status.change envelopes shaped like the fixture TestPungiKojiComplete, for other composes. */
final class Messages {

    static final String TOPIC = "org.fedoraproject.prod.pungi.compose.status.change";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Messages() {
    }

    static FedmsgEnvelope statusChange(String msgId, String status, String composeId, String location) {
        ObjectNode msg = JSON.createObjectNode().put("compose_id", composeId).put("location", location)
                .put("status", status);
        return envelope(msgId, msg);
    }

    static FedmsgEnvelope envelope(String msgId, ObjectNode msg) {
        ObjectNode tree = JSON.createObjectNode().put("topic", TOPIC).put("msg_id", msgId);
        tree.set("msg", msg);
        return new FedmsgEnvelope(TOPIC, msg, msgId, OptionalLong.empty(), 1449600728.0, null, null, null, null,
                tree.toString().getBytes(StandardCharsets.UTF_8), tree);
    }
}
