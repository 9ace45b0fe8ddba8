package org.fedoraproject.pdcupdater.fedmsg;

/**
 * Why an incoming fedmsg message was refused. The {@linkplain #code() code} is a short, stable,
 * lower-case string meant for metric labels and log fields; the set is deliberately small and fixed.
 */
public enum RejectReason {
    /** The body is not well-formed JSON (syntax error, truncated, bad UTF-8, trailing data). */
    NOT_JSON("not-json"),
    /** The body is JSON but not a JSON object. */
    NOT_OBJECT("not-object"),
    /** The body is larger than the configured limit. */
    TOO_LARGE("too-large"),
    /** The envelope has no (or an empty) {@code topic}. */
    MISSING_TOPIC("missing-topic"),
    /** The envelope has no (or an empty) {@code msg_id}. */
    MISSING_MSG_ID("missing-msg_id"),
    /** The envelope has no {@code msg} body. */
    MISSING_MSG("missing-msg"),
    /** A known envelope field has the wrong JSON type (e.g. {@code msg} not an object, {@code i} not an integer). */
    WRONG_TYPE("wrong-type"),
    /** The ZeroMQ topic frame differs from the envelope's {@code topic}. */
    TOPIC_MISMATCH("topic-mismatch"),
    /** Signature validation is on and the message has no signature/certificate, or uses a crypto backend other than x509. */
    UNSIGNED("unsigned"),
    /** The RSA signature does not match the canonical form of the message (tampered, or signed by another key). */
    BAD_SIGNATURE("bad-signature"),
    /** The certificate cannot be parsed or does not chain to the configured CA (or the trust material is unusable). */
    UNTRUSTED_CERTIFICATE("untrusted-certificate"),
    /** The certificate (or a CA certificate in its chain) chains to the CA but is outside its validity period now. */
    EXPIRED_CERTIFICATE("expired-certificate"),
    /** The certificate is listed on the CRL of its issuer. */
    REVOKED_CERTIFICATE("revoked-certificate"),
    /** The CRL needed to check the certificate is past its nextUpdate (or not yet valid); revocation cannot be checked. */
    CRL_EXPIRED("crl-expired"),
    /** The certificate's CN is not allowed to publish on this topic (fedmsg {@code routing_policy}/{@code routing_nitpicky}). */
    ROUTING_POLICY("routing-policy");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    /** The short machine-readable code, e.g. {@code "bad-signature"}. */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
