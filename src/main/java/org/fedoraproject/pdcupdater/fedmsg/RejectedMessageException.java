package org.fedoraproject.pdcupdater.fedmsg;

import java.util.Objects;

/**
 * A message was refused by the parser or the signature verifier. Carries a fixed {@link RejectReason}
 * (for metrics) and a short human-readable explanation (for logs).
 *
 * <p>Rejections are expected events, not programming errors, so no stack trace is captured (they can
 * be frequent under a flood of bad messages). Any underlying cause is kept.
 */
public final class RejectedMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    public RejectedMessageException(RejectReason reason, String message) {
        this(reason, message, null);
    }

    public RejectedMessageException(RejectReason reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public RejectReason reason() {
        return reason;
    }

    /** Same as {@code reason().code()}. */
    public String code() {
        return reason.code();
    }

    @Override
    public String toString() {
        return "RejectedMessageException[" + reason.code() + "]: " + getMessage();
    }

    /**
     * Renders an untrusted value for a log message: at most {@code max} characters, control and
     * non-ASCII characters escaped so that a hostile message cannot forge log lines.
     */
    static String quote(String s, int max) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 8).append('\'');
        int n = Math.min(s.length(), max);
        for (int k = 0; k < n; k++) {
            char c = s.charAt(k);
            if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
                b.append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        if (s.length() > max) {
            b.append("'...(").append(s.length()).append(" chars)");
        } else {
            b.append('\'');
        }
        return b.toString();
    }
}
