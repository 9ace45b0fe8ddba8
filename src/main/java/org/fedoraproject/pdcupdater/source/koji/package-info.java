/**
 * Koji, Fedora's build system, read over XML-RPC.
 *
 * <p>{@link org.fedoraproject.pdcupdater.source.koji.KojiClient} is what handlers use: typed
 * results ({@code KojiBuild}, {@code KojiRpm}, {@code KojiTag}, {@code KojiDep}), retries for
 * transient failures, {@code system.multicall} for bulk reads. Underneath,
 * {@link org.fedoraproject.pdcupdater.source.koji.XmlRpcCodec} is a small StAX codec written
 * here instead of Apache xmlrpc-client 3.1.3, which is unmaintained and has a deserialization
 * vulnerability (CVE-2019-17570). The codec maps XML-RPC only to plain JDK types, never to
 * classes named by the peer, refuses DOCTYPEs and entity references, and bounds document size,
 * nesting depth and string length ({@link org.fedoraproject.pdcupdater.source.koji.XmlRpcLimits}).
 * Answers in the plain shape Koji writes (no comments, CDATA, prefixes or other encodings) are read
 * straight from their UTF-8 bytes by {@code XmlRpcFastReader}, which leaves everything else, faults
 * and errors included, to the StAX reader: an audit of a million RPMs reads about 1 GB of XML.
 *
 * <p>Errors, and what to do with them:
 * <ul>
 *   <li>{@code KojiFaultException}: Koji refused the call (no such tag, bad arguments). Not
 *       retried; the same message will fail the same way.</li>
 *   <li>{@code KojiUnavailableException}: Koji unreachable, slow, or answering 5xx/429 until the
 *       retries ran out. Handle the message again later.</li>
 *   <li>{@code XmlRpcException} (and {@code XmlRpcLimitExceededException}), {@code KojiHttpException}
 *       for other statuses: something between us and Koji is broken or hostile. Not retried.</li>
 * </ul>
 */
package org.fedoraproject.pdcupdater.source.koji;
