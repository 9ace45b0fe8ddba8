package org.fedoraproject.pdcupdater.ingress;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.fedoraproject.pdcupdater.fedmsg.DatagrepperNormalizer;
import org.fedoraproject.pdcupdater.fedmsg.EnvelopeParser;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.fedmsg.RejectReason;
import org.fedoraproject.pdcupdater.fedmsg.RejectedMessageException;
import org.fedoraproject.pdcupdater.fedmsg.SignatureVerifier;
import org.fedoraproject.pdcupdater.fedmsg.zeromq.ZeroMqConstants;
import org.fedoraproject.pdcupdater.observe.IngressMetrics;

/**
 * The ingress steps that need the envelope: admit a raw message (parse and verify it, or throw
 * {@link RejectedMessageException} with the reason), watch publishers' sequence numbers, and
 * move the checkpoint once a message was handled.
 */
public class FedmsgGate {

    /**
     * Who published the message, for sequence tracking. fedmsg counts {@code i} per process and
     * every Fedora process binds its own PUB endpoint, so the endpoint a message came from names
     * its counter exactly; the certificate name is the fallback.
     */
    static final String PUBLISHER = "FedmsgPublisher";

    private final EnvelopeParser parser;
    private final SignatureVerifier verifier;
    private final IngressMetrics metrics;
    private final GapReplayer gaps;
    private final Checkpoint checkpoint;
    private final String topicPrefix;

    public FedmsgGate(EnvelopeParser parser, SignatureVerifier verifier, IngressMetrics metrics, GapReplayer gaps,
                      Checkpoint checkpoint, String topicPrefix) {
        this.parser = parser;
        this.verifier = verifier;
        this.metrics = metrics;
        this.gaps = gaps;
        this.checkpoint = checkpoint;
        this.topicPrefix = topicPrefix;
    }

    /** Replaces the raw body by the verified {@link FedmsgEnvelope} and sets the ingress headers. */
    public void verify(Exchange exchange) {
        Message in = exchange.getMessage();
        byte[] raw = in.getBody(byte[].class);
        String topicFrame = in.getHeader(ZeroMqConstants.TOPIC, String.class);
        boolean live = IngressHeaders.SOURCE_BUS.equals(in.getHeader(IngressHeaders.SOURCE));
        if (live) {
            metrics.received(topicFrame);
        }
        String malformed = in.getHeader(ZeroMqConstants.MALFORMED, String.class);
        if (malformed != null) {
            throw new RejectedMessageException(RejectReason.NOT_JSON, "malformed ZeroMQ message: " + malformed);
        }
        if (raw == null) {
            throw new RejectedMessageException(RejectReason.NOT_JSON, "empty message");
        }
        FedmsgEnvelope envelope = live ? parser.parse(topicFrame, raw)
                : DatagrepperNormalizer.normalize(parser.parse(raw), parser);
        in.setHeader(IngressHeaders.MSG_ID, envelope.msgId());
        in.setHeader(IngressHeaders.TOPIC, envelope.topic());
        SignatureVerifier.Verification verification = verifier.verify(envelope);
        in.setHeader(IngressHeaders.KIND, kind(envelope.topic()));
        String endpoint = in.getHeader(ZeroMqConstants.ENDPOINT, String.class);
        in.setHeader(PUBLISHER, endpoint != null ? endpoint
                : verification.checked() ? verification.signer() : envelope.username());
        in.setBody(envelope);
    }

    /** Notes the publisher's sequence number; a jump is recorded as a gap to fetch later. */
    public void watchSequence(Exchange exchange) {
        FedmsgEnvelope envelope = exchange.getMessage().getBody(FedmsgEnvelope.class);
        String publisher = exchange.getMessage().getHeader(PUBLISHER, String.class);
        if (envelope.i().isPresent() && envelope.timestamp() != null) {
            gaps.observe(publisher == null ? "unknown" : publisher, envelope.i().getAsLong(),
                    envelope.timestamp().doubleValue());
        }
    }

    /** The message is handled: the next backlog replay may start from its time. */
    public void handled(Exchange exchange) {
        FedmsgEnvelope envelope = exchange.getMessage().getBody(FedmsgEnvelope.class);
        if (envelope != null && envelope.timestamp() != null) {
            checkpoint.handled(envelope.timestamp().doubleValue());
        }
    }

    /** {@code org.fedoraproject.prod.buildsys.tag} → {@code buildsys.tag}: what dispatch routes on. */
    String kind(String topic) {
        return topic.startsWith(topicPrefix) ? topic.substring(topicPrefix.length()) : topic;
    }
}
