package org.fedoraproject.pdcupdater.fedmsg;

import java.nio.file.Path;

/**
 * How {@link SignatureVerifier} checks messages; the fedmsg settings {@code validate_signatures},
 * {@code ca_cert_location}, {@code crl_location}, {@code routing_policy} and {@code routing_nitpicky}.
 * Unlike fedmsg, the CA and CRL are only ever local files: nothing is downloaded.
 *
 * @param validateSignatures when false every message passes verification (parsing rules still apply)
 * @param caCert             PEM file with the CA certificate(s); required when validating. Self-signed
 *                           certificates in it are trust anchors, the others intermediates.
 * @param crl                PEM file with the CRL(s) of the CA(s), or {@code null} for no revocation check.
 *                           When given, every certificate in the chain must be covered by a current CRL
 *                           of its issuer (OpenSSL's {@code CRL_CHECK | CRL_CHECK_ALL}, as fedmsg sets).
 * @param routingPolicy      JSON file mapping topic to the list of certificate CNs allowed to publish it,
 *                           or {@code null} for an empty policy
 * @param routingNitpicky    when true, a topic missing from the policy is refused
 */
public record VerifierSettings(
        boolean validateSignatures,
        Path caCert,
        Path crl,
        Path routingPolicy,
        boolean routingNitpicky) {

    public VerifierSettings {
        if (validateSignatures && caCert == null) {
            throw new IllegalArgumentException("validating signatures needs a CA certificate file (caCert)");
        }
    }

    /** No signature validation. */
    public static VerifierSettings disabled() {
        return new VerifierSettings(false, null, null, null, false);
    }
}
