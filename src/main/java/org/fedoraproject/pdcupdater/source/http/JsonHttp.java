package org.fedoraproject.pdcupdater.source.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.IntPredicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The HTTP half of every source client: sends a read-only request, retries transient failures with
 * backoff, caps the body size and turns failures into {@link SourceException}s that name the source
 * and a credential-free URL. One instance per source; all of them share one {@link HttpClient}.
 */
public final class JsonHttp {

    /** Reads a response the retry loop has decided to keep. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(int status, InputStream body) throws IOException;
    }

    /** A JSON body together with the status it came with, for APIs whose 404 still carries data. */
    public record StatusAndJson(int status, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXCERPT_CHARS = 300;

    private final String source;
    private final HttpClient http;
    private final HttpSettings settings;
    private final RetryPolicy retry;

    public JsonHttp(String source, HttpClient http, HttpSettings settings) {
        this(source, http, settings, RetryPolicy.from(settings));
    }

    public JsonHttp(String source, HttpClient http, HttpSettings settings, RetryPolicy retry) {
        this.source = source;
        this.http = http;
        this.settings = settings;
        this.retry = retry;
    }

    public static ObjectMapper mapper() {
        return JSON;
    }

    public String source() {
        return source;
    }

    public HttpSettings settings() {
        return settings;
    }

    /** Resolves a path relative to the service root (the path must already be encoded). */
    public URI uri(String relative, Urls.Query query) {
        return Urls.resolve(settings.baseUri(), relative, query);
    }

    /** GET a JSON document; 404 is "no such thing" and gives empty, any other non-2xx throws. */
    public Optional<JsonNode> getJson(URI uri) {
        return execute(get(uri, "application/json"), uri, (status, body) -> {
            if (status == 404) {
                return Optional.empty();
            }
            requireSuccess(uri, status, body);
            return Optional.of(parse(uri, body));
        });
    }

    /** GET a JSON document where the listed statuses are answers, not failures (pkgdb's empty list is a 404). */
    public StatusAndJson getJson(URI uri, IntPredicate answers) {
        return execute(get(uri, "application/json"), uri, (status, body) -> {
            if (!(isSuccess(status) || answers.test(status))) {
                throw failure(uri, status, body);
            }
            return new StatusAndJson(status, parse(uri, body));
        });
    }

    /** GET raw bytes (a file from dist-git); 404 gives empty. */
    public Optional<byte[]> getBytes(URI uri) {
        return execute(get(uri, "*/*"), uri, (status, body) -> {
            if (status == 404) {
                return Optional.empty();
            }
            requireSuccess(uri, status, body);
            return Optional.of(body.readAllBytes());
        });
    }

    /** HEAD; returns the status if {@code answers} accepts it (e.g. 200 or 404), else throws. */
    public int head(URI uri, IntPredicate answers) {
        HttpRequest request = builder(uri, "*/*").method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        return execute(request, uri, (status, body) -> {
            if (!answers.test(status)) {
                throw failure(uri, status, body);
            }
            return status;
        });
    }

    /**
     * POST a form and read JSON back. Only for read-only calls whose API happens to use POST (FAS's
     * TurboGears login travels in the form), which is why retrying them is safe.
     */
    public JsonNode postForm(URI uri, Urls.Query form) {
        HttpRequest request = builder(uri, "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString(), StandardCharsets.UTF_8))
                .build();
        return execute(request, uri, (status, body) -> {
            requireSuccess(uri, status, body);
            return parse(uri, body);
        });
    }

    /** The retry loop. Public so a client with an unusual call can still reuse it. */
    public <T> T execute(HttpRequest request, URI uri, BodyReader<T> reader) {
        for (int attempt = 1;; attempt++) {
            HttpResponse<InputStream> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (attempt < retry.maxAttempts()) {
                    pause(uri, attempt, Optional.empty());
                    continue;
                }
                throw new SourceException(source, safe(uri), SourceException.NO_RESPONSE, true,
                        source + " unreachable at " + safe(uri) + " after " + attempt + " attempt(s): "
                                + scrub(String.valueOf(e)), e);
            } catch (InterruptedException e) {
                throw interrupted(uri, e);
            }
            int status = response.statusCode();
            if (RetryPolicy.isTransientStatus(status) && attempt < retry.maxAttempts()) {
                closeQuietly(response.body());
                pause(uri, attempt, RetryPolicy.parseRetryAfter(response.headers().firstValue("Retry-After")));
                continue;
            }
            try (InputStream body = new LimitedInputStream(response.body(), settings.maxBodyBytes())) {
                return reader.read(status, body);
            } catch (LimitedInputStream.BodyTooLargeException e) {
                throw new SourceException(source, safe(uri), status, false,
                        source + " sent more than " + settings.maxBodyBytes() + " bytes for " + safe(uri), e);
            } catch (IOException e) {
                // The connection broke while the body was being read: as transient as no answer at all.
                if (attempt < retry.maxAttempts()) {
                    pause(uri, attempt, Optional.empty());
                    continue;
                }
                throw new SourceException(source, safe(uri), status, true,
                        "reading " + source + "'s answer from " + safe(uri) + " failed: " + scrub(String.valueOf(e)),
                        e);
            }
        }
    }

    /** Throws the usual exception for a status the caller did not expect. */
    public SourceException failure(URI uri, int status, InputStream body) {
        String excerpt = excerpt(body);
        String message = source + " answered " + status + " for " + safe(uri)
                + (excerpt.isEmpty() ? "" : ": " + excerpt);
        return new SourceException(source, safe(uri), status, RetryPolicy.isTransientStatus(status), message, null);
    }

    /** An answer that arrived but makes no sense (not JSON, missing fields). Not worth retrying. */
    public SourceException malformed(URI uri, String what) {
        return new SourceException(source, safe(uri), 200, false,
                source + " sent an unexpected answer for " + safe(uri) + ": " + scrub(what), null);
    }

    public String safe(URI uri) {
        return Urls.redact(uri, settings.secrets());
    }

    private String scrub(String text) {
        return Urls.scrub(text, settings.secrets());
    }

    private HttpRequest get(URI uri, String accept) {
        return builder(uri, accept).GET().build();
    }

    private HttpRequest.Builder builder(URI uri, String accept) {
        return HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Accept", accept)
                .header("User-Agent", settings.userAgent());
    }

    private void requireSuccess(URI uri, int status, InputStream body) {
        if (!isSuccess(status)) {
            throw failure(uri, status, body);
        }
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    private JsonNode parse(URI uri, InputStream body) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw malformed(uri, "not JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || node.isMissingNode()) {
            throw malformed(uri, "empty body");
        }
        return node;
    }

    private String excerpt(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(EXCERPT_CHARS * 4);
            String text = new String(bytes, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
            text = text.length() > EXCERPT_CHARS ? text.substring(0, EXCERPT_CHARS) + "..." : text;
            return scrub(text);
        } catch (IOException e) {
            return "";
        }
    }

    private void pause(URI uri, int attempt, Optional<java.time.Duration> retryAfter) {
        try {
            retry.pause(attempt, retryAfter);
        } catch (InterruptedException e) {
            throw interrupted(uri, e);
        }
    }

    private SourceException interrupted(URI uri, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new SourceException(source, safe(uri), SourceException.NO_RESPONSE, true,
                "interrupted while calling " + source + " at " + safe(uri), e);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // The body of a response we are about to retry does not matter.
        }
    }
}
