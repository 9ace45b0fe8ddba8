package org.fedoraproject.pdcupdater.publish;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgSigner;

/**
 * Makes a message file's envelope into a fresh, signed message of this publisher, as fedmsg
 * would publish it now: the publisher's next sequence number {@code i}, the current time, our
 * certificate. The {@code msg} is kept as is; the {@code msg_id} too, unless there is none or a
 * new one is asked for (keeping it is what makes re-publishing the same file harmless: the
 * service handles a msg_id once). Topics of another environment
 * ({@code org.fedoraproject.stg.pkgdb...}) are moved into ours, because most fixture messages
 * were recorded on staging.
 */
public final class Republisher {

    private static final String FEDORA = "org.fedoraproject.";

    private final FedmsgSigner signer;
    private final String topicPrefix;
    private final boolean rewriteTopics;
    private final boolean newMsgIds;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    public Republisher(FedmsgSigner signer, String topicPrefix, boolean rewriteTopics, boolean newMsgIds, Clock clock) {
        this.signer = signer;
        this.topicPrefix = topicPrefix;
        this.rewriteTopics = rewriteTopics;
        this.newMsgIds = newMsgIds;
        this.clock = clock;
    }

    /** @param fallbackId the msg_id to use when the file has none (stable per file, so a replay is a duplicate) */
    public ObjectNode prepare(ObjectNode original, String fallbackId) {
        String topic = topic(original.get("topic").asText());
        ObjectNode envelope = FedmsgSigner.newEnvelope(topic, original.get("msg").deepCopy(),
                sequence.incrementAndGet(), "pdc-updater", clock);
        String msgId = original.path("msg_id").asText("");
        if (!newMsgIds) {
            envelope.put("msg_id", msgId.isEmpty() ? fallbackId : msgId);
        }
        return signer.sign(envelope);
    }

    String topic(String topic) {
        if (!rewriteTopics || !topic.startsWith(FEDORA)) {
            return topic;
        }
        int envEnd = topic.indexOf('.', FEDORA.length());
        return envEnd < 0 ? topic : topicPrefix + topic.substring(envEnd + 1);
    }
}
