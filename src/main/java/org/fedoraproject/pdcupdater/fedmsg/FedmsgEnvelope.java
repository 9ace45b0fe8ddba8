package org.fedoraproject.pdcupdater.fedmsg;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One fedmsg message as it came off the bus (or out of datagrepper), after {@link EnvelopeParser}
 * checked its shape.
 *
 * @param topic       the envelope's {@code topic} (never empty)
 * @param msg         the message body ({@code msg}), a JSON object; a live view into {@link #tree()}
 * @param msgId       {@code msg_id} (never empty)
 * @param i           the publisher's sequence number {@code i}, if present
 * @param timestamp   {@code timestamp} exactly as sent: {@link Long}, {@link BigInteger} or {@link Double}
 *                    (an integer stays an integer, {@code 1504643075.0} stays a double); {@code null} if absent
 * @param username    {@code username}, or {@code null}
 * @param crypto      {@code crypto} (normally {@code "x509"}), or {@code null}
 * @param signature   {@code signature} (base64, possibly line-wrapped), or {@code null}
 * @param certificate {@code certificate} (base64 of the PEM text), or {@code null}
 * @param raw         the bytes the envelope was parsed from (not copied; treat as read-only). For an
 *                    envelope derived from another one (e.g. datagrepper normalisation) these are the
 *                    original bytes.
 * @param tree        the whole envelope as parsed, the input of {@link CanonicalJson#signedForm}. Treat as
 *                    read-only: the signature covers it.
 */
public record FedmsgEnvelope(
        String topic,
        ObjectNode msg,
        String msgId,
        OptionalLong i,
        Number timestamp,
        String username,
        String crypto,
        String signature,
        String certificate,
        byte[] raw,
        ObjectNode tree) {

    public FedmsgEnvelope {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(msg, "msg");
        Objects.requireNonNull(msgId, "msgId");
        Objects.requireNonNull(i, "i");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(tree, "tree");
    }

    /** True when the envelope carries any of {@code signature}, {@code certificate}. */
    public boolean isSigned() {
        return signature != null || certificate != null;
    }

    /** {@link #timestamp()} as an instant (seconds since the epoch, fractions kept to the nanosecond). */
    public Optional<Instant> timestampInstant() {
        if (timestamp == null) {
            return Optional.empty();
        }
        try {
            if (timestamp instanceof Long l) {
                return Optional.of(Instant.ofEpochSecond(l));
            }
            if (timestamp instanceof BigInteger) {
                return Optional.empty(); // out of range for any real clock
            }
            double d = timestamp.doubleValue();
            if (!Double.isFinite(d)) {
                return Optional.empty();
            }
            BigDecimal s = new BigDecimal(d);
            BigDecimal whole = new BigDecimal(s.toBigInteger());
            long nanos = s.subtract(whole).movePointRight(9).longValue();
            return Optional.of(Instant.ofEpochSecond(whole.longValueExact(), nanos));
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "FedmsgEnvelope[topic=" + topic + ", msg_id=" + msgId
                + (i.isPresent() ? ", i=" + i.getAsLong() : "") + ", " + raw.length + " bytes]";
    }
}
