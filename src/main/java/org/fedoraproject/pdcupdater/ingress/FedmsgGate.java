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
        judge(received(exchange)).applyTo(exchange.getMessage());
    }

    /**
     * What verification needs from the exchange, read on the receiving thread (an exchange is
     * not safe to share); a live message is counted as received here.
     */
    Input received(Exchange exchange) {
        Message in = exchange.getMessage();
        String topicFrame = in.getHeader(ZeroMqConstants.TOPIC, String.class);
        boolean live = IngressHeaders.SOURCE_BUS.equals(in.getHeader(IngressHeaders.SOURCE));
        if (live) {
            metrics.received(topicFrame);
        }
        return new Input(in.getBody(byte[].class), topicFrame, live, in.getHeader(ZeroMqConstants.MALFORMED, String.class),
                in.getHeader(ZeroMqConstants.ENDPOINT, String.class));
    }

    /** Parses and verifies; touches no exchange, so it may run on any thread. */
    Verdict judge(Input input) {
        Verdict verdict = new Verdict(input.raw());
        try {
            if (input.malformed() != null) {
                throw new RejectedMessageException(RejectReason.NOT_JSON, "malformed ZeroMQ message: " + input.malformed());
            }
            if (input.raw() == null) {
                throw new RejectedMessageException(RejectReason.NOT_JSON, "empty message");
            }
            FedmsgEnvelope envelope = input.live() ? parser.parse(input.topicFrame(), input.raw())
                    : DatagrepperNormalizer.normalize(parser.parse(input.raw()), parser);
            verdict.msgId = envelope.msgId();
            verdict.topic = envelope.topic();
            SignatureVerifier.Verification verification = verifier.verify(envelope);
            verdict.kind = kind(envelope.topic());
            verdict.publisher = input.endpoint() != null ? input.endpoint()
                    : verification.checked() ? verification.signer() : envelope.username();
            verdict.envelope = envelope;
        } catch (RuntimeException e) {
            verdict.failure = e;
        }
        return verdict;
    }

    /** A raw message as it came, from the bus or from datagrepper. */
    record Input(byte[] raw, String topicFrame, boolean live, String malformed, String endpoint) {
    }

    /** The outcome of {@link #judge}: the verified envelope, or why it was refused. */
    static final class Verdict {
        private final byte[] raw;
        private String msgId;
        private String topic;
        private String kind;
        private String publisher;
        private FedmsgEnvelope envelope;
        private RuntimeException failure;

        private Verdict(byte[] raw) {
            this.raw = raw;
        }

        /** The msg_id of a message that passed, null if it was refused. */
        String acceptedMsgId() {
            return failure == null ? msgId : null;
        }

        /**
         * Sets the headers; the body becomes the envelope, or stays the raw bytes (what the
         * rejection recorder stores) and the refusal is thrown.
         */
        void applyTo(Message in) {
            if (msgId != null) {
                in.setHeader(IngressHeaders.MSG_ID, msgId);
            }
            if (topic != null) {
                in.setHeader(IngressHeaders.TOPIC, topic);
            }
            if (failure != null) {
                in.setBody(raw);
                throw failure;
            }
            in.setHeader(IngressHeaders.KIND, kind);
            in.setHeader(PUBLISHER, publisher);
            in.setBody(envelope);
        }
    }

    /** Notes a live message's publisher sequence number; a jump is recorded as a gap to fetch later. */
    public void watchSequence(Exchange exchange) {
        // Only live messages: a replayed one's sequence number says nothing about this bus connection.
        if (!IngressHeaders.SOURCE_BUS.equals(exchange.getMessage().getHeader(IngressHeaders.SOURCE))) {
            return;
        }
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
