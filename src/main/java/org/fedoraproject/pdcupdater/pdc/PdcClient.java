package org.fedoraproject.pdcupdater.pdc;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The PDC REST client every handler writes through: JSON in and out ({@link JsonNode}; any body argument may also be
 * a {@link Map} or a record, converted with Jackson), paths relative to the API root ({@code "release-components"},
 * {@code "contacts/people"}; the trailing slash is added), filters as a {@code Map} (a collection value repeats the
 * parameter). Thread-safe; one instance holds one connection pool. Plain methods so Camel routes can call it as a bean.
 *
 * <p>Every request carries {@code Accept: application/json} and, when configured, {@code Authorization: Token ...};
 * every write carries {@code PDC-Change-Comment}: the {@link ChangeComment} parameter of each write method makes a
 * write without one impossible. Redirects are never followed (see {@link PdcProtocolException}).
 *
 * <p>Retries: transient failures ({@link PdcTransientException}) are retried with backoff; see {@link RetryPolicy}.
 * Writes are retried as well, because each is safe to repeat: GET/PUT/PATCH/DELETE and PDC's imports are
 * idempotent, PDC rolls back every request that fails, and a <b>create</b> whose attempt timed out (it may have been
 * applied) is answered on retry by a duplicate error, which {@link #create} reports as a {@link PdcDuplicateException}
 * with {@link PdcDuplicateException#possiblyOwnWrite()} set and which {@link #ensure}/{@link #upsert} treat as
 * success ("ensure" semantics: the object exists, so re-read it). A retried {@link #delete} that finds the object
 * gone reports it as absent.
 *
 * <p>Read-after-write: PDC caches GET responses for 30 s per URL (contract errata 1), so a read can be stale. The
 * idempotent operations never conclude "absent" from a possibly cached read: after a duplicate answer they re-read
 * with a URL nobody has asked for yet (a unique {@code page_size} above PDC's cap of 100, which changes nothing else),
 * and {@link #upsert} compares against such a fresh read.
 */
public class PdcClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PdcClient.class);

    /** PDC silently caps {@code page_size} here (contract 1.5). */
    public static final int MAX_PAGE_SIZE = 100;

    private final PdcSettings settings;
    private final ObjectMapper mapper;
    private final PdcHttp http;

    public PdcClient(PdcSettings settings) {
        this(settings, Sleeper.REAL, () -> ThreadLocalRandom.current().nextLong());
    }

    /** For tests: a sleeper that records instead of waiting, a deterministic random source. */
    PdcClient(PdcSettings settings, Sleeper sleeper, RandomGenerator random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        RetryPolicy retry = new RetryPolicy(settings.maxAttempts(), settings.initialBackoff(),
                settings.maxBackoff(), random);
        this.http = new PdcHttp(settings, settings.resolveToken(), retry, sleeper, mapper);
    }

    public PdcSettings settings() {
        return settings;
    }

    /** The mapper used for bodies; handy for building {@link ObjectNode}s. */
    public ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "PdcClient[" + settings.apiRoot() + (http.hasToken() ? ", with token" : ", anonymous") + "]";
    }

    // === reads ====================================================================================================

    /** {@code GET <resource>/<key>/}. @throws PdcNotFoundException when there is no such object */
    public JsonNode get(String resource, Object key) {
        return get(resource, key, Map.of());
    }

    /** {@code GET <resource>/<key>/?<query>} (e.g. {@code include_inactive_release}). */
    public JsonNode get(String resource, Object key, Map<String, ?> query) {
        return json(http.send(read(PdcPaths.detail(resource, key), PdcQuery.of(query))));
    }

    /** Like {@link #get} but a 404 is an empty result. */
    public Optional<JsonNode> find(String resource, Object key) {
        return find(resource, key, Map.of());
    }

    public Optional<JsonNode> find(String resource, Object key, Map<String, ?> query) {
        try {
            return Optional.of(get(resource, key, query));
        } catch (PdcNotFoundException e) {
            return Optional.empty();
        }
    }

    /** {@code GET auth/current-user/}: who the token belongs to; a cheap token check at start-up. */
    public JsonNode currentUser() {
        return json(http.send(read("auth/current-user/", PdcQuery.empty())));
    }

    /**
     * One page as PDC returns it. A page number past the end is a {@link PdcNotFoundException} ("Invalid page.").
     */
    public PdcPage page(String resource, Map<String, ?> query) {
        return page(PdcPaths.list(resource), PdcQuery.of(query));
    }

    /**
     * All matching objects, following {@code next} links page by page (100 per page unless {@code page_size} is
     * given). Holds them all in memory: for big lists use {@link #stream}.
     */
    public List<JsonNode> list(String resource, Map<String, ?> query) {
        try (Stream<JsonNode> s = stream(resource, query)) {
            return s.toList();
        }
    }

    /** All matching objects in one request ({@code page_size=-1}: PDC answers a bare array). */
    public List<JsonNode> listAll(String resource, Map<String, ?> query) {
        PdcPage all = page(PdcPaths.list(resource), PdcQuery.of(query).with("page_size", -1));
        if (all.next() != null) {
            throw new PdcProtocolException("GET " + resource + " with page_size=-1 returned a paged answer",
                    new PdcException.Failure("GET", PdcPaths.list(resource), 200, null, null, false));
        }
        return all.results();
    }

    /**
     * A lazy stream over all matching objects: one page (100 objects unless {@code page_size} is given) is in memory
     * at a time and the next page is fetched when the stream reaches it, each page request retried on its own, so a
     * million rows never sit in memory. The stream must be consumed on one thread; closing it early stops paging.
     * Pages are offsets, so objects created or deleted meanwhile may shift an object into or out of view; order by a
     * stable key if that matters.
     */
    public Stream<JsonNode> stream(String resource, Map<String, ?> query) {
        return stream(PdcPaths.list(resource), PdcQuery.of(query).withDefault("page_size", MAX_PAGE_SIZE));
    }

    /**
     * As {@link #stream}, with up to {@code pagesAhead} further pages requested while one is consumed (see
     * {@link PagesAhead}): for reading big lists, such as an audit's, when PDC answers several requests at once.
     * Close the stream when done (try-with-resources) so the page workers stop.
     */
    public Stream<JsonNode> streamAhead(String resource, Map<String, ?> query, int pagesAhead) {
        String path = PdcPaths.list(resource);
        PagesAhead pages = new PagesAhead(PdcQuery.of(query).withDefault("page_size", MAX_PAGE_SIZE), pagesAhead,
                q -> page(path, q), link -> PdcQuery.parse(URI.create(link).getRawQuery()));
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(pages::close);
    }

    private Stream<JsonNode> stream(String path, PdcQuery first) {
        Iterator<JsonNode> pages = new PageIterator(path, first);
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** The number of matching objects (one request for a one-object page). */
    public int count(String resource, Map<String, ?> filter) {
        return page(PdcPaths.list(resource), PdcQuery.of(filter).with("page_size", 1).without("page")).count();
    }

    /**
     * The one object matching a natural-key filter, or empty.
     *
     * @throws IllegalStateException when more than one object matches: the filter is not a natural key
     */
    public Optional<JsonNode> findOne(String resource, Map<String, ?> filter) {
        return findOne(PdcPaths.list(resource), PdcQuery.of(filter), null, false);
    }

    /**
     * Like {@link #findOne} but bypassing PDC's 30 s GET cache (errata 1): the URL carries a {@code page_size} value
     * not used before, so no cached answer can exist for it. Use it to decide "absent" right after a write.
     */
    public Optional<JsonNode> findOneFresh(String resource, Map<String, ?> filter) {
        return findOne(PdcPaths.list(resource), PdcQuery.of(filter), null, true);
    }

    // === writes ===================================================================================================

    /**
     * {@code POST <resource>/}: creates one object; the body is sent as given (see {@link PdcResource#forCreate}).
     * PDC's get-or-create endpoints (bugzilla-components) answer 200 with the existing object; that is returned too.
     *
     * @throws PdcDuplicateException when it exists ({@link PdcDuplicateException#possiblyOwnWrite()} when an earlier
     *                               attempt timed out and may have created it)
     */
    public JsonNode create(String resource, Object body, ChangeComment comment) {
        return json(http.send(write("POST", PdcPaths.list(resource), PdcQuery.empty(), toObject(body), comment,
                PdcHttp.Safety.CREATE)));
    }

    /**
     * Bulk create: POSTs the bodies as JSON arrays of at most {@code bulkChunkSize}; PDC applies each chunk
     * all-or-nothing. On failure the exception tells which item failed ({@link PdcException#bulkFailedItem()},
     * an index into {@code bodies}) and how many earlier items were committed ({@link PdcException#bulkItemsCommitted()}).
     *
     * @return the created objects, in order
     */
    public List<JsonNode> bulkCreate(String resource, List<?> bodies, ChangeComment comment) {
        Objects.requireNonNull(comment, "comment");
        String path = PdcPaths.list(resource);
        List<JsonNode> created = new ArrayList<>(bodies.size());
        for (int offset = 0; offset < bodies.size(); offset += settings.bulkChunkSize()) {
            List<?> chunk = bodies.subList(offset, Math.min(bodies.size(), offset + settings.bulkChunkSize()));
            ArrayNode array = mapper.createArrayNode();
            chunk.forEach(b -> array.add(toObject(b)));
            JsonNode answer;
            try {
                answer = json(http.send(write("POST", path, PdcQuery.empty(), array, comment,
                        PdcHttp.Safety.CREATE)));
            } catch (PdcException e) {
                throw e.withBulkOffset(offset);
            }
            if (!answer.isArray() || answer.size() != chunk.size()) {
                throw new PdcProtocolException("bulk POST " + path + " of " + chunk.size()
                        + " items did not answer an array of as many objects",
                        new PdcException.Failure("POST", path, 201, null, null, false));
            }
            answer.forEach(created::add);
            LOG.debug("PDC bulk create {}: {} of {} created", path, offset + chunk.size(), bodies.size());
        }
        return created;
    }

    /** {@code PATCH <resource>/<key>/}: changes only the given keys. */
    public JsonNode patch(String resource, Object key, Object body, ChangeComment comment) {
        return patch(resource, key, Map.of(), body, comment);
    }

    /**
     * {@code PATCH <resource>/<key>/?<query>}.
     *
     * @throws IllegalArgumentException for an empty body, without sending it: PDC rejects an empty PATCH
     *                                  ("Partial update with no changes does not make much sense.", contract 1.7)
     *                                  and the usual cause is a URL without its trailing slash or a caller that
     *                                  should have skipped the call
     */
    public JsonNode patch(String resource, Object key, Map<String, ?> query, Object body, ChangeComment comment) {
        ObjectNode changes = toObject(body);
        String path = PdcPaths.detail(resource, key);
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("refusing to send an empty PATCH to " + path
                    + ": PDC answers 400 'Partial update with no changes does not make much sense.'; "
                    + "skip the call when nothing changed");
        }
        return json(http.send(write("PATCH", path, PdcQuery.of(query), changes, comment,
                PdcHttp.Safety.IDEMPOTENT)));
    }

    /**
     * {@code PUT <resource>/<key>/}: replaces the object; optional fields left out are reset (contract 1.7). Prefer
     * {@link #patch} or {@link #upsert}.
     */
    public JsonNode put(String resource, Object key, Object body, ChangeComment comment) {
        return json(http.send(write("PUT", PdcPaths.detail(resource, key), PdcQuery.empty(), toObject(body),
                comment, PdcHttp.Safety.IDEMPOTENT)));
    }

    /**
     * {@code DELETE <resource>/<key>/}.
     *
     * @return true when deleted, false when it was not there (404, also when a retry finds our own earlier attempt
     *         already deleted it)
     */
    public boolean delete(String resource, Object key, ChangeComment comment) {
        return delete(resource, key, Map.of(), comment);
    }

    public boolean delete(String resource, Object key, Map<String, ?> query, ChangeComment comment) {
        try {
            http.send(write("DELETE", PdcPaths.detail(resource, key), PdcQuery.of(query), null, comment,
                    PdcHttp.Safety.IDEMPOTENT));
            return true;
        } catch (PdcNotFoundException e) {
            return false;
        }
    }

    /**
     * Bulk delete ({@code DELETE <resource>/} with a JSON array of keys), in chunks of {@code bulkChunkSize}, with
     * "make absent" semantics: PDC stops at the first missing key and rolls back, so a missing key is dropped and the
     * rest sent again. That also covers a retry after an attempt that timed out but was applied.
     *
     * @return how many of the keys were deleted (the others were already absent)
     */
    public int bulkDelete(String resource, List<?> keys, ChangeComment comment) {
        Objects.requireNonNull(comment, "comment");
        String path = PdcPaths.list(resource);
        int deleted = 0;
        for (int offset = 0; offset < keys.size(); offset += settings.bulkChunkSize()) {
            List<Object> chunk = new ArrayList<>(keys.subList(offset,
                    Math.min(keys.size(), offset + settings.bulkChunkSize())));
            while (!chunk.isEmpty()) {
                ArrayNode array = mapper.valueToTree(chunk);
                try {
                    http.send(write("DELETE", path, PdcQuery.empty(), array, comment, PdcHttp.Safety.IDEMPOTENT));
                    deleted += chunk.size();
                    break;
                } catch (PdcNotFoundException e) {
                    JsonNode missing = e.body().path("id_of_invalid_data");
                    if (missing.isMissingNode() || !chunk.removeIf(k -> String.valueOf(k).equals(missing.asText()))) {
                        throw e.withBulkOffset(offset);
                    }
                    LOG.debug("PDC bulk delete {}: {} already absent", path, missing.asText());
                }
            }
        }
        return deleted;
    }

    /**
     * {@code POST} to an endpoint whose POST is idempotent and retried freely: PDC's imports
     * ({@code compose-rpms}, {@code compose-images}) and RPC calls ({@code rpc/...}).
     */
    public JsonNode post(String resource, Object body, ChangeComment comment) {
        return json(http.send(write("POST", PdcPaths.list(resource), PdcQuery.empty(), toObject(body), comment,
                PdcHttp.Safety.IDEMPOTENT)));
    }

    /**
     * Like {@link #post} with a body the caller produces, for bodies too big to build as a tree (an rpms manifest
     * import). {@code body} is called once per attempt and must give a fresh publisher each time; give it a known
     * length where possible ({@code BodyPublishers.ofFile}), since a chunked request body needs
     * {@code WSGIChunkedRequest On} in PDC's mod_wsgi. {@code timeout} replaces the read timeout (null = keep it).
     */
    public JsonNode postBody(String resource, Supplier<HttpRequest.BodyPublisher> body, Duration timeout,
                             ChangeComment comment) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(comment, "comment");
        return json(http.send(new PdcHttp.Call("POST", PdcPaths.list(resource), PdcQuery.empty(), body, comment,
                PdcHttp.Safety.IDEMPOTENT, timeout)));
    }

    /** {@link #postBody} from a stream of JSON bytes (sent chunked); {@code body} opens a fresh stream per attempt. */
    public JsonNode postStream(String resource, Supplier<InputStream> body, Duration timeout, ChangeComment comment) {
        Objects.requireNonNull(body, "body");
        return postBody(resource, () -> HttpRequest.BodyPublishers.ofInputStream(body), timeout, comment);
    }

    // === idempotent operations =====================================================================================

    /**
     * Get-or-create: the object matching {@code naturalKeyFilter}, created from {@code createBody} (read-only keys
     * stripped) when there is none. A duplicate answer (400, or 409 from a concurrent create, or our own timed-out
     * attempt) means someone created it meanwhile: it is re-read with a fresh URL and returned.
     *
     * @param naturalKeyFilter list filters that match exactly the object to be created (e.g. {@code name} for a
     *                         global component; {@code release}, {@code name}, {@code type} for a release component)
     */
    public JsonNode ensure(String resource, Map<String, ?> naturalKeyFilter, Object createBody,
                           ChangeComment comment) {
        return ensureOutcome(resource, naturalKeyFilter, createBody, comment).object();
    }

    /** {@link #ensure} telling whether it created the object. */
    public PdcOutcome ensureOutcome(String resource, Map<String, ?> naturalKeyFilter, Object createBody,
                                    ChangeComment comment) {
        return ensureMatching(resource, naturalKeyFilter, null, createBody, comment);
    }

    /**
     * {@link #ensure} for endpoints whose filters cannot express the whole natural key (component groups have no
     * {@code description} filter; relationships no component-id filter): the objects matching {@code filter} are
     * narrowed down by {@code match}, which must leave at most one.
     *
     * @param match null to accept every object the filter matches
     */
    public PdcOutcome ensureMatching(String resource, Map<String, ?> filter, Predicate<JsonNode> match,
                                     Object createBody, ChangeComment comment) {
        PdcResource r = PdcResource.of(resource);
        Objects.requireNonNull(comment, "comment");
        ObjectNode body = r.forCreate(toObject(createBody));
        Optional<JsonNode> existing = findOne(r.path(), PdcQuery.of(filter), match, false);
        if (existing.isPresent()) {
            return new PdcOutcome(existing.get(), PdcOutcome.Kind.FOUND);
        }
        return createOrRead(r, filter, match, body, comment);
    }

    /**
     * Create-or-update: creates the object from {@code desired} when none matches {@code naturalKeyFilter};
     * otherwise PATCHes only the fields of {@code desired} that differ from PDC's current values (never read-only or
     * create-only keys), and sends nothing when none differs. The comparison is against a fresh read (not PDC's
     * 30 s cache).
     */
    public JsonNode upsert(String resource, Map<String, ?> naturalKeyFilter, Object desired, ChangeComment comment) {
        return upsertOutcome(resource, naturalKeyFilter, desired, comment).object();
    }

    /** {@link #upsert} telling what it did. */
    public PdcOutcome upsertOutcome(String resource, Map<String, ?> naturalKeyFilter, Object desired,
                                    ChangeComment comment) {
        PdcResource r = PdcResource.of(resource);
        Objects.requireNonNull(comment, "comment");
        ObjectNode want = toObject(desired);
        Optional<JsonNode> current = findOneFresh(r.path(), naturalKeyFilter);
        if (current.isEmpty()) {
            PdcOutcome made = createOrRead(r, naturalKeyFilter, null, r.forCreate(want), comment);
            if (made.kind() == PdcOutcome.Kind.CREATED) {
                return made;
            }
            current = Optional.of(made.object());
        }
        ObjectNode changes = r.changedFields(want, current.get());
        if (changes.isEmpty()) {
            return new PdcOutcome(current.get(), PdcOutcome.Kind.UNCHANGED);
        }
        PdcQuery carried = r.carriedQuery(PdcQuery.of(naturalKeyFilter));
        JsonNode updated = json(http.send(write("PATCH", PdcPaths.detail(r.path(), r.keyOf(current.get())), carried,
                changes, comment, PdcHttp.Safety.IDEMPOTENT)));
        return new PdcOutcome(updated, PdcOutcome.Kind.UPDATED);
    }

    /**
     * Get-or-create for a list: bulk-creates in chunks and, for a chunk that hits a duplicate (or whose timed-out
     * attempt may have been applied), falls back to {@link #ensure} item by item.
     *
     * @param naturalKey the natural-key filter of one create body
     * @return the objects in the order of {@code bodies}
     */
    public List<JsonNode> bulkEnsure(String resource, List<?> bodies, Function<JsonNode, Map<String, ?>> naturalKey,
                                     ChangeComment comment) {
        PdcResource r = PdcResource.of(resource);
        List<JsonNode> result = new ArrayList<>(bodies.size());
        for (int offset = 0; offset < bodies.size(); offset += settings.bulkChunkSize()) {
            List<ObjectNode> chunk = bodies.subList(offset, Math.min(bodies.size(), offset + settings.bulkChunkSize()))
                    .stream().map(b -> r.forCreate(toObject(b))).toList();
            try {
                result.addAll(bulkCreate(r.path(), chunk, comment));
            } catch (PdcException e) {
                if (!isCreateConflict(e)) {
                    throw e.withBulkOffset(offset);
                }
                LOG.debug("PDC bulk create {} hit an existing object ({}); ensuring {} items one by one",
                        r.path(), e.bulkFailedItem().orElse(NullNode.getInstance()), chunk.size());
                for (ObjectNode body : chunk) {
                    result.add(ensure(r.path(), naturalKey.apply(body), body, comment));
                }
            }
        }
        return result;
    }

    // === internals =================================================================================================

    /** POSTs {@code body}; a duplicate answer becomes a fresh re-read of the object that exists. */
    private PdcOutcome createOrRead(PdcResource r, Map<String, ?> filter, Predicate<JsonNode> match, ObjectNode body,
                                    ChangeComment comment) {
        try {
            JsonNode created = json(http.send(write("POST", r.path(), PdcQuery.empty(), body, comment,
                    PdcHttp.Safety.CREATE)));
            return new PdcOutcome(created, PdcOutcome.Kind.CREATED);
        } catch (PdcException e) {
            if (!isCreateConflict(e)) {
                throw e;
            }
            Optional<JsonNode> found = findOne(r.path(), PdcQuery.of(filter), match, true);
            if (found.isEmpty()) {
                // The duplicate is about a key the filter does not express: a caller bug worth a clear message.
                LOG.warn("PDC {} answered a duplicate for a create but nothing matches {}: the filter is not the "
                        + "object's unique key", r.path(), PdcQuery.of(filter));
                throw e;
            }
            LOG.debug("PDC {} {} already existed ({}); using it", r.path(), PdcQuery.of(filter),
                    e.afterUncertainAttempt() ? "possibly our own timed-out attempt" : "concurrent create");
            return new PdcOutcome(found.get(), PdcOutcome.Kind.FOUND);
        }
    }

    private static boolean isCreateConflict(PdcException e) {
        return e instanceof PdcDuplicateException || (e instanceof PdcTransientException && e.status() == 409);
    }

    private Optional<JsonNode> findOne(String path, PdcQuery query) {
        PdcPage page = page(path, query);
        if (page.count() > 1 || page.results().size() > 1) {
            throw tooMany(path, query, page.count());
        }
        return page.results().stream().findFirst();
    }

    /** The single object of {@code query}'s results that {@code match} accepts (all when null). */
    private Optional<JsonNode> findOne(String path, PdcQuery query, Predicate<JsonNode> match, boolean fresh) {
        if (match == null) {
            return findOne(path, fresh ? fresh(query) : query.with("page_size", 2));
        }
        PdcQuery q = fresh ? fresh(query) : query.with("page_size", MAX_PAGE_SIZE);
        List<JsonNode> matching = stream(path, q).filter(match).limit(2).toList();
        if (matching.size() > 1) {
            throw tooMany(path, query, matching.size());
        }
        return matching.stream().findFirst();
    }

    private static IllegalStateException tooMany(String path, PdcQuery query, int count) {
        return new IllegalStateException("PDC " + path + "?" + query.redacted() + " matched " + count
                + " objects; a natural-key lookup must match at most one");
    }

    /** A query PDC cannot have cached: a page_size above the cap (so still 100 per page) never used before. */
    private static PdcQuery fresh(PdcQuery query) {
        long unique = MAX_PAGE_SIZE + 1 + ThreadLocalRandom.current().nextLong(1_000_000_000L);
        return query.with("page_size", unique);
    }

    private PdcPage page(String path, PdcQuery query) {
        JsonNode body = json(http.send(read(path, query)));
        if (body.isArray()) {
            List<JsonNode> all = new ArrayList<>(body.size());
            body.forEach(all::add);
            return new PdcPage(all.size(), null, null, all);
        }
        JsonNode results = body.path("results");
        if (!body.isObject() || !results.isArray()) {
            throw new PdcProtocolException("GET " + path + " did not answer a list",
                    new PdcException.Failure("GET", path, 200, body, null, false));
        }
        List<JsonNode> items = new ArrayList<>(results.size());
        results.forEach(items::add);
        return new PdcPage(body.path("count").asInt(items.size()), textOrNull(body.path("next")),
                textOrNull(body.path("previous")), items);
    }

    private static String textOrNull(JsonNode n) {
        return n.isTextual() ? n.asText() : null;
    }

    /** Walks {@code next} links lazily; see {@link #stream}. */
    private final class PageIterator implements Iterator<JsonNode> {
        private final String path;
        private PdcQuery nextQuery;
        private Iterator<JsonNode> current = Collections.emptyIterator();

        PageIterator(String path, PdcQuery first) {
            this.path = path;
            this.nextQuery = first;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && nextQuery != null) {
                PdcQuery query = nextQuery;
                PdcPage page = page(path, query);
                current = page.results().iterator();
                nextQuery = page.next() == null ? null : followQuery(page.next(), query);
            }
            return current.hasNext();
        }

        @Override
        public JsonNode next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        /**
         * Only the query of a {@code next} link is used; the request goes to our own API root and path. PDC builds
         * the link from the request's Host, which behind a proxy can name another scheme or host, and the token must
         * not be sent anywhere but the configured root.
         */
        private PdcQuery followQuery(String nextLink, PdcQuery previous) {
            PdcQuery q = PdcQuery.parse(URI.create(nextLink).getRawQuery());
            if (q.equals(previous)) {
                throw new PdcProtocolException("PDC " + path + " returned a next link to the same page",
                        new PdcException.Failure("GET", path, 200, null, null, false));
            }
            return q;
        }
    }

    private PdcHttp.Call read(String path, PdcQuery query) {
        return new PdcHttp.Call("GET", path, query, null, null, PdcHttp.Safety.IDEMPOTENT, null);
    }

    private PdcHttp.Call write(String method, String path, PdcQuery query, JsonNode body, ChangeComment comment,
                               PdcHttp.Safety safety) {
        Objects.requireNonNull(comment, "a PDC write needs a ChangeComment");
        Supplier<HttpRequest.BodyPublisher> publisher = null;
        if (body != null) {
            byte[] bytes;
            try {
                bytes = mapper.writeValueAsBytes(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            publisher = () -> HttpRequest.BodyPublishers.ofByteArray(bytes);
        }
        return new PdcHttp.Call(method, path, query, publisher, comment, safety, null);
    }

    private JsonNode json(PdcHttp.Response response) {
        if (response.body().length == 0) {
            return NullNode.getInstance();
        }
        try {
            return mapper.readTree(response.body());
        } catch (IOException e) {
            PdcHttp.Call call = response.call();
            throw new PdcProtocolException(call.method() + " " + call.describe() + " -> " + response.status()
                    + " with a body that is not JSON", new PdcException.Failure(call.method(), call.describe(),
                    response.status(), http.parseErrorBody(response.body()), null, false));
        }
    }

    private ObjectNode toObject(Object body) {
        if (body == null) {
            throw new IllegalArgumentException("PDC request body is null");
        }
        JsonNode node = body instanceof JsonNode j ? j : mapper.valueToTree(body);
        if (!node.isObject()) {
            throw new IllegalArgumentException("PDC request body must be a JSON object, not " + node.getNodeType());
        }
        return (ObjectNode) node;
    }
}
