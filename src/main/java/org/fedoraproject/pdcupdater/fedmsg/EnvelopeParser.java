package org.fedoraproject.pdcupdater.fedmsg;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

import static org.fedoraproject.pdcupdater.fedmsg.RejectedMessageException.quote;

/**
 * Parses a fedmsg envelope (ZeroMQ frame 2, or one datagrepper message) into a {@link FedmsgEnvelope},
 * rejecting anything malformed with a specific {@link RejectReason}. Thread-safe.
 *
 * <p>JSON is read the way Python's {@code json.loads} reads it, since the signature was made over
 * what Python parsed: floats become doubles, integers stay exact, {@code NaN}/{@code Infinity} are
 * accepted, a repeated key keeps its last value, trailing data after the value is an error.
 *
 * <p>Checks, in order: size ({@code too-large}), syntax ({@code not-json}), object ({@code not-object}),
 * {@code topic} ({@code missing-topic}/{@code wrong-type}), {@code msg_id} ({@code missing-msg_id}/
 * {@code wrong-type}), {@code msg} ({@code missing-msg}/{@code wrong-type}: must be an object),
 * {@code i} (integer &gt;= 0 if present), {@code timestamp} (number if present), {@code username},
 * {@code crypto}, {@code signature}, {@code certificate} (string if present; {@code username} may be
 * null), then the ZeroMQ topic frame ({@code topic-mismatch}).
 */
public final class EnvelopeParser {

    /** Default size limit: 16 MiB. */
    public static final int DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

    private static final ObjectMapper MAPPER = createMapper();

    private final int maxBytes;

    public EnvelopeParser() {
        this(DEFAULT_MAX_BYTES);
    }

    /** @param maxBytes largest accepted envelope in bytes */
    public EnvelopeParser(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** The Jackson mapper configured like Python's {@code json.loads}; shared, do not reconfigure. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    static ObjectMapper createMapper() {
        JsonFactory factory = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Integer.MAX_VALUE)
                        .maxNestingDepth(1000)
                        .build())
                .build();
        return new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Parses an envelope without a topic frame to compare with. */
    public FedmsgEnvelope parse(byte[] body) {
        return parse((String) null, body);
    }

    /**
     * Parses an envelope received with ZeroMQ topic frame {@code topicFrame} (UTF-8). The frame must
     * equal the envelope's {@code topic}.
     */
    public FedmsgEnvelope parse(byte[] topicFrame, byte[] body) {
        return parse(topicFrame == null ? null : new String(topicFrame, StandardCharsets.UTF_8), body);
    }

    /**
     * Parses an envelope; when {@code topicFrame} is not null, it must equal the envelope's
     * {@code topic} ({@link RejectReason#TOPIC_MISMATCH}).
     */
    public FedmsgEnvelope parse(String topicFrame, byte[] body) {
        if (body == null) {
            throw new RejectedMessageException(RejectReason.NOT_JSON, "no message body");
        }
        if (body.length > maxBytes) {
            throw new RejectedMessageException(RejectReason.TOO_LARGE,
                    "message of " + body.length + " bytes exceeds the limit of " + maxBytes + " bytes");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new RejectedMessageException(RejectReason.NOT_JSON,
                    "not valid JSON: " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new RejectedMessageException(RejectReason.NOT_JSON, "cannot read message: " + e, e);
        }
        if (root == null || root.isMissingNode()) {
            throw new RejectedMessageException(RejectReason.NOT_JSON, "empty message body");
        }
        if (!root.isObject()) {
            throw new RejectedMessageException(RejectReason.NOT_OBJECT,
                    "envelope is a JSON " + root.getNodeType().name().toLowerCase() + ", not an object");
        }
        return fromTree((ObjectNode) root, body, topicFrame);
    }

    /**
     * Checks an already-parsed envelope tree (e.g. one element of a datagrepper response) and wraps
     * it. {@code raw} is kept as the envelope's raw bytes. The size limit is not applied here.
     */
    public FedmsgEnvelope fromTree(ObjectNode tree, byte[] raw, String topicFrame) {
        String topic = requiredText(tree, "topic", RejectReason.MISSING_TOPIC);
        String msgId = requiredText(tree, "msg_id", RejectReason.MISSING_MSG_ID);

        JsonNode msg = tree.get("msg");
        if (msg == null) {
            throw new RejectedMessageException(RejectReason.MISSING_MSG, "envelope has no msg");
        }
        if (!msg.isObject()) {
            throw wrongType("msg", "an object", msg);
        }

        OptionalLong i = OptionalLong.empty();
        JsonNode iNode = tree.get("i");
        if (iNode != null) {
            if (!iNode.isIntegralNumber() || !iNode.canConvertToLong() || iNode.longValue() < 0) {
                throw wrongType("i", "a non-negative integer", iNode);
            }
            i = OptionalLong.of(iNode.longValue());
        }

        Number timestamp = null;
        JsonNode ts = tree.get("timestamp");
        if (ts != null) {
            if (!ts.isNumber()) {
                throw wrongType("timestamp", "a number", ts);
            }
            if (ts.isIntegralNumber()) {
                timestamp = ts.canConvertToLong() ? (Number) ts.longValue() : ts.bigIntegerValue();
            } else {
                timestamp = ts.doubleValue();
            }
        }

        String username = optionalText(tree, "username", true);
        String crypto = optionalText(tree, "crypto", false);
        String signature = optionalText(tree, CanonicalJson.SIGNATURE, false);
        String certificate = optionalText(tree, CanonicalJson.CERTIFICATE, false);

        if (topicFrame != null && !topicFrame.equals(topic)) {
            throw new RejectedMessageException(RejectReason.TOPIC_MISMATCH,
                    "topic frame " + quote(topicFrame, 200) + " differs from envelope topic " + quote(topic, 200));
        }
        return new FedmsgEnvelope(topic, (ObjectNode) msg, msgId, i, timestamp, username, crypto,
                signature, certificate, raw == null ? new byte[0] : raw, tree);
    }

    private static String requiredText(ObjectNode tree, String field, RejectReason missing) {
        JsonNode n = tree.get(field);
        if (n == null) {
            throw new RejectedMessageException(missing, "envelope has no " + field);
        }
        if (!n.isTextual()) {
            throw wrongType(field, "a string", n);
        }
        String s = n.textValue();
        if (s.isEmpty()) {
            throw new RejectedMessageException(missing, "envelope has an empty " + field);
        }
        return s;
    }

    private static String optionalText(ObjectNode tree, String field, boolean nullable) {
        JsonNode n = tree.get(field);
        if (n == null || (nullable && n.isNull())) {
            return null;
        }
        if (!n.isTextual()) {
            throw wrongType(field, nullable ? "a string or null" : "a string", n);
        }
        return n.textValue();
    }

    private static RejectedMessageException wrongType(String field, String expected, JsonNode actual) {
        return new RejectedMessageException(RejectReason.WRONG_TYPE,
                field + " must be " + expected + ", not " + describe(actual));
    }

    private static String describe(JsonNode n) {
        if (n.isNumber()) {
            return (n.isIntegralNumber() ? "the integer " : "the number ") + quote(n.asText(), 40);
        }
        return "a JSON " + n.getNodeType().name().toLowerCase();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "syntax error";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
