package org.fedoraproject.pdcupdater.fedmsg.zeromq;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One ZeroMQ message as the consumer received it, judged against fedmsg's wire format: exactly two frames,
 * a non-empty UTF-8 topic and a non-empty body.
 *
 * <p>A message that is not well formed is still handed to the route (with {@link #malformedReason()} set)
 * rather than dropped or thrown: dropping would hide a misbehaving publisher, and throwing from the receive
 * loop would stop the whole bus ingress for one bad message.
 *
 * @param topic           the topic frame decoded as UTF-8, or {@code null} when there is none or it is not UTF-8
 * @param body            the envelope bytes exactly as received; never {@code null}
 * @param frameCount      how many frames the message had
 * @param malformedReason why the message is not a fedmsg message, or {@code null} when it is one
 */
public record MultipartMessage(String topic, byte[] body, int frameCount, String malformedReason) {

    private static final byte[] EMPTY = new byte[0];

    public boolean isMalformed() {
        return malformedReason != null;
    }

    /**
     * Judges a received message. Only the first two frames are kept by the receiver (more would be unbounded
     * memory for nothing), so {@code second} is {@code null} for a one-frame message and {@code frameCount}
     * tells how many there really were.
     */
    public static MultipartMessage of(byte[] first, byte[] second, int frameCount) {
        if (frameCount < 1 || first == null) {
            throw new IllegalArgumentException("a ZeroMQ message has at least one frame");
        }
        if (frameCount == 1) {
            // Without a second frame we cannot know whether this was a topic or an envelope: keep the bytes, no topic.
            return new MultipartMessage(null, first, 1, "expected 2 frames (topic, body), got 1");
        }
        byte[] body = second == null ? EMPTY : second;
        String topic = decodeUtf8(first);
        String reason = null;
        if (frameCount > 2) {
            reason = "expected 2 frames (topic, body), got " + frameCount + "; frames after the second were discarded";
        } else if (first.length == 0) {
            reason = "empty topic frame";
        } else if (topic == null) {
            reason = "topic frame is not valid UTF-8";
        } else if (body.length == 0) {
            reason = "empty body frame";
        }
        return new MultipartMessage(topic != null && !topic.isEmpty() ? topic : null, body, frameCount, reason);
    }

    /** Strict decoding: a replacement character would make a bad topic look like a real one in routing and logs. */
    private static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
