package org.fedoraproject.pdcupdater.pdc;

import java.util.Objects;

/**
 * The text sent as {@code PDC-Change-Comment} on a write (contract 1.3); PDC stores it on the changeset and copies it
 * into the bus message it emits, so a human can trace any change back to the fedmsg message or audit run behind it.
 *
 * <p>Every write method of {@link PdcClient} takes one as a parameter, so a write without a reason does not compile.
 * The text is made header-safe here: control characters become spaces, non-ASCII is escaped as {@code \\uXXXX}
 * (the JDK sends header values as ISO-8859-1, which would garble UTF-8 text), and it is cut at {@value #MAX_LENGTH}
 * characters.
 */
public record ChangeComment(String text) {

    /** Generous bound; a comment is a reference to a message, not a payload. */
    public static final int MAX_LENGTH = 1000;

    public ChangeComment {
        Objects.requireNonNull(text, "change comment text");
        text = sanitize(text);
        if (text.isEmpty()) {
            throw new IllegalArgumentException("change comment must not be blank");
        }
    }

    /** {@code "fedmsg <msg_id> <topic>"}: the comment for a write caused by a bus message. */
    public static ChangeComment forMessage(String msgId, String topic) {
        Objects.requireNonNull(msgId, "msgId");
        if (msgId.isBlank()) {
            throw new IllegalArgumentException("msgId must not be blank");
        }
        return new ChangeComment("fedmsg " + msgId.strip() + " " + (topic == null ? "" : topic.strip()));
    }

    /** Free text, e.g. {@code ChangeComment.of("audit repair: missing release component")}. */
    public static ChangeComment of(String text) {
        return new ChangeComment(text);
    }

    private static String sanitize(String raw) {
        StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_LENGTH));
        for (int i = 0; i < raw.length() && out.length() < MAX_LENGTH; i++) {
            char c = raw.charAt(i);
            if (c < ' ' || c == 0x7f) {
                out.append(' ');
            } else if (c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() > MAX_LENGTH) {
            out.setLength(MAX_LENGTH); // an escape may have pushed it a few characters over
        }
        return out.toString().strip();
    }

    @Override
    public String toString() {
        return text;
    }
}
