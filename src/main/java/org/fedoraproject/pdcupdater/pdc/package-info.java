/**
 * The PDC REST client every handler writes through.
 *
 * <h2>Layers</h2>
 * <ul>
 *   <li>{@link org.fedoraproject.pdcupdater.pdc.PdcClient}: JSON in and out, paths relative to the API root,
 *       filters as maps. Reads ({@code get}, {@code find}, {@code page}, {@code list}, {@code listAll},
 *       {@code stream}, {@code findOne}), writes ({@code create}, {@code bulkCreate}, {@code patch}, {@code put},
 *       {@code delete}, {@code bulkDelete}, {@code post}/{@code postBody} for imports) and the idempotent operations
 *       ({@code ensure}, {@code upsert}, {@code bulkEnsure}). Every write method takes a
 *       {@link org.fedoraproject.pdcupdater.pdc.ChangeComment}.</li>
 *   <li>{@link org.fedoraproject.pdcupdater.pdc.PdcResource}: per-endpoint knowledge (detail key, read-only and
 *       create-only keys, input/output comparison) used by ensure/upsert and the typed layer.</li>
 *   <li>{@code org.fedoraproject.pdcupdater.pdc.resource}: typed records and one facade per resource family,
 *       bundled by {@code Pdc}.</li>
 * </ul>
 *
 * <h2>Failures</h2>
 * Everything thrown is a {@link org.fedoraproject.pdcupdater.pdc.PdcException}; a route's error handler can decide on
 * {@code isRetryable()}: only {@link org.fedoraproject.pdcupdater.pdc.PdcTransientException} is, and the client has
 * already retried it with backoff before it surfaces. Duplicates, 404s, auth and invalid requests are permanent.
 *
 * <h2>Security</h2>
 * TLS certificates and host names are verified unless {@code PdcSettings.insecure} is set. The token lives only in
 * {@link org.fedoraproject.pdcupdater.pdc.PdcToken}; it is never logged, never part of an exception, never sent to a
 * host other than the API root's (next links are re-based, redirects are not followed).
 *
 * <h2>From a Camel YAML route</h2>
 * Bind a {@code PdcClient} (and, where handy, a {@code Pdc}) in the registry, then e.g.
 * <pre>{@code
 * - bean:
 *     ref: pdcClient
 *     method: "ensure('global-components', ${variable.key}, ${body}, ${variable.comment})"
 * }</pre>
 * where the key is a {@code Map} filter, the body a {@code Map} or {@code JsonNode}, and the comment built once per
 * message with {@code ChangeComment.forMessage(msgId, topic)}.
 */
package org.fedoraproject.pdcupdater.pdc;
