package org.fedoraproject.pdcupdater.fedmsg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Undoes what datagrepper/datanommer does to a message so that its fedmsg signature verifies again;
 * the Java counterpart of {@code fedmsg.crypto.utils.fix_datagrepper_message}.
 *
 * <p>Applied only to messages that carry both {@code source_name} and {@code source_version} (the mark
 * of datagrepper); anything else is returned unchanged. For those it:
 * <ul>
 *   <li>removes {@code source_name} and {@code source_version};</li>
 *   <li>removes {@code headers} when it is {@code null}, empty or otherwise false in Python terms - datanommer adds {@code "headers": {}}
 *       to every message. A non-empty {@code headers} is kept, as fedmsg does: it may have been part of
 *       what was signed, and there is no way to tell;</li>
 *   <li>turns a whole-number float {@code timestamp} (datagrepper renders {@code 1504643075} as
 *       {@code 1504643075.0}) back into an integer. Unlike fedmsg, which applies {@code int()} to any
 *       timestamp, a float with a fraction is left alone: a fractional timestamp can only have been
 *       signed as a float, and truncating it would break the signature.</li>
 * </ul>
 * The input is never modified; a changed copy is returned.
 */
public final class DatagrepperNormalizer {

    private DatagrepperNormalizer() {
    }

    /** True when the message looks like it came from datagrepper (has source_name and source_version). */
    public static boolean isDatagrepperMessage(ObjectNode message) {
        return message.has("source_name") && message.has("source_version");
    }

    /** The normalised tree: {@code message} itself when nothing needs to change, otherwise a copy. */
    public static ObjectNode normalize(ObjectNode message) {
        if (!isDatagrepperMessage(message)) {
            return message;
        }
        ObjectNode copy = message.deepCopy();
        copy.remove("source_name");
        copy.remove("source_version");
        JsonNode headers = copy.get("headers");
        if (headers != null && isFalsy(headers)) {
            copy.remove("headers");
        }
        JsonNode ts = copy.get("timestamp");
        if (ts != null && ts.isFloatingPointNumber()) {
            double d = ts.doubleValue();
            if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 0x1p63) {
                copy.put("timestamp", (long) d);
            }
        }
        return copy;
    }

    /** Python truthiness, as in fedmsg's {@code if 'headers' in message and not message['headers']}. */
    private static boolean isFalsy(JsonNode n) {
        if (n.isNull()) {
            return true;
        }
        if (n.isContainerNode()) {
            return n.isEmpty();
        }
        if (n.isTextual()) {
            return n.textValue().isEmpty();
        }
        if (n.isBoolean()) {
            return !n.booleanValue();
        }
        if (n.isNumber()) {
            return n.isIntegralNumber() ? n.bigIntegerValue().signum() == 0 : n.doubleValue() == 0.0;
        }
        return false;
    }

    /**
     * Normalises an envelope parsed from a datagrepper response; {@code parser} re-checks the changed
     * tree. The raw bytes of the result are those of {@code envelope}.
     */
    public static FedmsgEnvelope normalize(FedmsgEnvelope envelope, EnvelopeParser parser) {
        ObjectNode normalized = normalize(envelope.tree());
        if (normalized == envelope.tree()) {
            return envelope;
        }
        return parser.fromTree(normalized, envelope.raw(), null);
    }

    /** Same as {@link #normalize(FedmsgEnvelope, EnvelopeParser)} with a default parser. */
    public static FedmsgEnvelope normalize(FedmsgEnvelope envelope) {
        return normalize(envelope, new EnvelopeParser());
    }
}
