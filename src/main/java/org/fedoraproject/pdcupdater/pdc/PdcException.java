package org.fedoraproject.pdcupdater.pdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.time.Duration;
import java.util.Optional;

/**
 * A PDC request failed. Unchecked, so that Camel routes see it as the exchange's exception and the route
 * configuration decides (retry, dead-letter) by type or by {@link #isRetryable()}.
 *
 * <p>Subclasses: {@link PdcNotFoundException}, {@link PdcDuplicateException}, {@link PdcInvalidRequestException},
 * {@link PdcAuthException}, {@link PdcTransientException}, {@link PdcProtocolException}. Messages and accessors
 * never contain the token: the client redacts it from response text before it gets here.
 */
public abstract class PdcException extends RuntimeException {

    private final transient Failure failure;
    private int bulkOffset;

    protected PdcException(String message, Failure failure, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    /**
     * What is known about a failed request; built by the client, shared by every exception type.
     *
     * @param method                HTTP method
     * @param path                  path below the API root with the query (sensitive values redacted)
     * @param status                HTTP status, or 0 when no response arrived
     * @param body                  parsed error body; a text node for a non-JSON body; missing when none
     * @param retryAfter            the server's {@code Retry-After}, or null
     * @param afterUncertainAttempt an earlier attempt of the same request failed in a way that leaves open
     *                              whether the server applied it (timeout, connection lost after sending)
     */
    public record Failure(String method, String path, int status, JsonNode body, Duration retryAfter,
                          boolean afterUncertainAttempt) {
        public Failure {
            body = body == null ? MissingNode.getInstance() : body;
        }
    }

    /** HTTP status, or 0 when the request got no response (connection refused, timeout, reset). */
    public int status() {
        return failure.status();
    }

    public String method() {
        return failure.method();
    }

    /** Path relative to the API root, including the query with sensitive parameter values redacted. */
    public String path() {
        return failure.path();
    }

    /** The parsed error body (e.g. {@code {"detail": "Not found."}}); {@code MissingNode} when there was none. */
    public JsonNode body() {
        return failure.body();
    }

    /** The server's {@code Retry-After} (429/503), if it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(failure.retryAfter());
    }

    /**
     * True when an earlier attempt of this same request may have been applied by the server (it timed out or lost
     * the connection after sending). A duplicate or not-found answer to the retry may then be the effect of that
     * earlier attempt rather than of someone else.
     */
    public boolean afterUncertainAttempt() {
        return failure.afterUncertainAttempt();
    }

    /** Whether trying the same request again later can succeed. */
    public abstract boolean isRetryable();

    /**
     * For a failed bulk request: the index of the failing item in the whole list the caller passed (PDC's
     * {@code id_of_invalid_data} plus the chunk offset), or for a bulk delete the failing key; empty otherwise.
     */
    public Optional<JsonNode> bulkFailedItem() {
        JsonNode id = body().path("id_of_invalid_data");
        if (id.isMissingNode()) {
            return Optional.empty();
        }
        if (id.canConvertToInt() && bulkOffset > 0) {
            return Optional.of(IntNode.valueOf(id.asInt() + bulkOffset));
        }
        return Optional.of(id);
    }

    /**
     * For a chunked bulk create: how many items earlier chunks created (and PDC committed) before this chunk failed.
     * Items from this index on were not created.
     */
    public int bulkItemsCommitted() {
        return bulkOffset;
    }

    /** Set by the chunking code before rethrowing; see {@link #bulkItemsCommitted()}. */
    PdcException withBulkOffset(int offset) {
        this.bulkOffset = offset;
        return this;
    }

    Failure failure() {
        return failure;
    }
}
