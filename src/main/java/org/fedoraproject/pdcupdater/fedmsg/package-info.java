/**
 * fedmsg envelopes: parsing ({@link org.fedoraproject.pdcupdater.fedmsg.EnvelopeParser}), the canonical
 * JSON that is signed ({@link org.fedoraproject.pdcupdater.fedmsg.CanonicalJson}), x509 signature
 * verification ({@link org.fedoraproject.pdcupdater.fedmsg.SignatureVerifier}) and signing
 * ({@link org.fedoraproject.pdcupdater.fedmsg.FedmsgSigner}), following fedmsg 1.1
 * ({@code fedmsg/crypto/x509_ng.py}, {@code utils.py}, {@code encoding/__init__.py}).
 *
 * <h2>Decisions, and where they differ from Python fedmsg</h2>
 * <ul>
 *   <li><b>CA and CRL are local files only</b>; fedmsg's default of downloading them from
 *       fedoraproject.org is not supported. They (and the routing policy) are re-read when their
 *       modification time or size changes (checked at most once a second). If they become unreadable,
 *       every message is refused ({@code untrusted-certificate}) until they are fixed, as fedmsg returns
 *       False when it cannot load them.</li>
 *   <li><b>Chain</b>: real PKIX path building to a self-signed CA from the CA file (several certificates
 *       allowed; non-self-signed ones serve as intermediates). pyOpenSSL's {@code load_certificate} would
 *       only read the first certificate of the file.</li>
 *   <li><b>Validity dates</b>: like OpenSSL's {@code X509_verify_cert} (which fedmsg calls), every
 *       certificate of the chain - the CA included - must be valid at the time of verification, not at
 *       the message's timestamp. Old messages replayed from datagrepper whose certificate has expired
 *       since are refused ({@code expired-certificate}); a verifier with another {@link java.time.Clock}
 *       can check them as of an earlier time.</li>
 *   <li><b>CRL</b>: fedmsg sets {@code CRL_CHECK | CRL_CHECK_ALL}: with a CRL file configured, every
 *       certificate below the CA needs a CRL signed by its issuer (else {@code untrusted-certificate}),
 *       that CRL must be current (else {@code crl-expired}) and must not list it (else
 *       {@code revoked-certificate}). A CRL not signed by a CA in the CA file is a configuration error.
 *       Without a CRL file there is no revocation check. Delta and indirect CRLs are not supported.</li>
 *   <li><b>Routing policy</b>: exactly fedmsg's {@code validate_policy}: topic listed - the certificate's
 *       first CN must be in its list; topic not listed - allowed unless {@code routing_nitpicky}.</li>
 *   <li><b>crypto</b>: only {@code x509} (or absent with a certificate, fedmsg &lt;= 0.7.2); gpg and
 *       unknown backends are {@code unsigned}.</li>
 *   <li><b>Datagrepper</b>: {@link org.fedoraproject.pdcupdater.fedmsg.DatagrepperNormalizer} follows
 *       fedmsg's {@code fix_datagrepper_message} (drops {@code source_name}, {@code source_version},
 *       and {@code headers} only when empty) except that only a whole-number float {@code timestamp}
 *       becomes an integer, where fedmsg truncates any float.</li>
 *   <li><b>Topic frame</b>: the ZeroMQ topic frame must equal the envelope's {@code topic}
 *       ({@code topic-mismatch}); fedmsg does not check this, but subscriptions filter on the frame while
 *       the signature covers the envelope.</li>
 * </ul>
 */
package org.fedoraproject.pdcupdater.fedmsg;
