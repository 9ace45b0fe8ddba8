package org.fedoraproject.pdcupdater.reconcile;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.fedoraproject.pdcupdater.fedmsg.DatagrepperNormalizer;
import org.fedoraproject.pdcupdater.fedmsg.EnvelopeParser;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.HandlerHeaders;
import org.fedoraproject.pdcupdater.ingress.IngressHeaders;

/**
 * Turns a stored raw message back into the envelope a handler route takes. The raw bytes are
 * what arrived: a bus message as signed, or a datagrepper record, which is normalised the way the
 * ingress normalises it. The signature is not checked again: the message was verified when it
 * arrived, and a certificate that expired since must not make an old failure unrepairable.
 */
public final class StoredMessages {

    /** The {@code FedmsgSource} of a message replayed from the dead-letter store. */
    public static final String SOURCE_DEAD_LETTER = "dead-letter";

    private static final EnvelopeParser PARSER = new EnvelopeParser(Integer.MAX_VALUE);

    private StoredMessages() {
    }

    public static FedmsgEnvelope parse(String raw) {
        FedmsgEnvelope envelope = PARSER.parse(raw.getBytes(StandardCharsets.UTF_8));
        return DatagrepperNormalizer.normalize(envelope, PARSER);
    }

    /** The headers the handler routes and the dead-letter recorder read. */
    public static Map<String, Object> headers(FedmsgEnvelope envelope, String handler, String topicPrefix,
                                              String source) {
        String topic = envelope.topic();
        return Map.of(IngressHeaders.MSG_ID, envelope.msgId(),
                IngressHeaders.TOPIC, topic,
                IngressHeaders.KIND, topic.startsWith(topicPrefix) ? topic.substring(topicPrefix.length()) : topic,
                IngressHeaders.SOURCE, source,
                HandlerHeaders.HANDLER, handler);
    }
}
