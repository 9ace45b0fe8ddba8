package org.fedoraproject.pdcupdater.pdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Sends one logical request to PDC: builds the HTTP request with the fixed headers, retries transient failures per
 * {@link RetryPolicy}, turns failures into the {@link PdcException} types, and logs method, path, status and
 * duration at DEBUG. The only class that touches {@link HttpClient}; one instance (one connection pool) per client.
 */
final class PdcHttp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PdcHttp.class);
    private static final int MAX_MESSAGE_BODY_CHARS = 600;

    /** How a request may be retried. */
    enum Safety {
        /** Repeating it has the same effect (GET, PUT, PATCH, DELETE, PDC's idempotent imports): retry freely. */
        IDEMPOTENT,
        /**
         * A create: retried too, because PDC rolls back every failed request (5xx/409/429 leave nothing behind), and
         * when an attempt timed out the retry's duplicate answer tells the caller the object exists; the exception
         * then says so ({@link PdcException#afterUncertainAttempt()}).
         */
        CREATE
    }

    /** One request as the client means it; the body supplier is called once per attempt. */
    record Call(String method, String path, PdcQuery query, Supplier<HttpRequest.BodyPublisher> body,
                ChangeComment comment, Safety safety, Duration timeout) {

        String describe() {
            String q = query.redacted();
            if (q.length() > 300) {
                q = q.substring(0, 300) + "...";
            }
            return path + (q.isEmpty() ? "" : "?" + q);
        }
    }

    /** A 2xx answer to {@code call}, body fully read. */
    record Response(Call call, int status, HttpHeaders headers, byte[] body) {
    }

    private final URI apiRoot;
    private final Optional<PdcToken> token;
    private final Duration readTimeout;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final ObjectMapper mapper;
    private final ExecutorService executor;
    private final HttpClient http;
    private final String userAgent;

    PdcHttp(PdcSettings settings, Optional<PdcToken> token, RetryPolicy retry, Sleeper sleeper, ObjectMapper mapper) {
        this.apiRoot = settings.apiRoot();
        this.token = token;
        this.readTimeout = settings.readTimeout();
        this.retry = retry;
        this.sleeper = sleeper;
        this.mapper = mapper;
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // PDC sits behind Apache/mod_wsgi; no h2c upgrade dance
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect is a bug: see PdcProtocolException
                .connectTimeout(settings.connectTimeout())
                .executor(executor);
        if (settings.insecure()) {
            LOG.warn("PDC client for {} does NOT verify TLS certificates or host names (insecure=true); "
                    + "the token can be intercepted. Never use this against production.", apiRoot);
            builder.sslContext(trustAll());
        }
        this.http = builder.build();
        String version = PdcHttp.class.getPackage().getImplementationVersion();
        this.userAgent = "pdc-updater/" + (version == null ? "dev" : version) + " (java.net.http)";
    }

    boolean hasToken() {
        return token.isPresent();
    }

    URI apiRoot() {
        return apiRoot;
    }

    /**
     * Sends {@code call}, retrying transient failures.
     *
     * @return the 2xx response
     * @throws PdcException the mapped failure of the last attempt
     */
    Response send(Call call) {
        boolean uncertain = false;
        for (int attempt = 1; ; attempt++) {
            PdcException failure;
            long started = System.nanoTime();
            try {
                HttpResponse<byte[]> response = sendOnce(call);
                long ms = elapsedMillis(started);
                LOG.debug("PDC {} {} -> {} in {} ms (attempt {})", call.method(), call.describe(),
                        response.statusCode(), ms, attempt);
                if (response.statusCode() >= 200 && response.statusCode() < 300) {
                    response.headers().firstValue("pdc-warning").ifPresent(w ->
                            LOG.debug("PDC {} {} warning: {}", call.method(), call.describe(), w));
                    return new Response(call, response.statusCode(), response.headers(), response.body());
                }
                failure = fromResponse(call, response, uncertain);
                // PDC rolls back every failed request (contract 1.4), but a 502/504 comes from a proxy whose
                // backend may still be working on it.
                int status = response.statusCode();
                uncertain |= (status == 502 || status == 504) && !"GET".equals(call.method());
            } catch (IOException e) {
                boolean notSent = e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
                LOG.debug("PDC {} {} failed in {} ms (attempt {}): {}", call.method(), call.describe(),
                        elapsedMillis(started), attempt, e.toString());
                failure = transientIo(call, e, uncertain);
                // Only a request that surely never reached PDC is known not to have been applied.
                uncertain |= !notSent && !"GET".equals(call.method());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PdcTransientException(call.method() + " " + call.describe() + " interrupted",
                        failure(call, 0, null, null, uncertain), e);
            }
            Optional<Duration> delay = retry.delayAfter(attempt, failure);
            if (delay.isEmpty()) {
                throw failure;
            }
            LOG.warn("PDC {} {} failed (attempt {}/{}): {}; retrying in {} ms", call.method(), call.describe(),
                    attempt, retry.maxAttempts(), summary(failure), delay.get().toMillis());
            try {
                sleeper.sleep(delay.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
    }

    private HttpResponse<byte[]> sendOnce(Call call) throws IOException, InterruptedException {
        Duration timeout = call.timeout() == null ? readTimeout : call.timeout();
        String query = call.query().encode();
        URI uri = apiRoot.resolve(call.path() + (query.isEmpty() ? "" : "?" + query));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(timeout) // until the response headers
                .header("Accept", "application/json")
                .header("User-Agent", userAgent);
        if (call.body() != null) {
            b.header("Content-Type", "application/json").method(call.method(), call.body().get());
        } else {
            b.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        if (call.comment() != null) {
            b.header("PDC-Change-Comment", call.comment().text());
        }
        // On every request, reads included: PDC checks a token that is sent on any method (contract 1.2), so a bad
        // token shows up on the first read rather than on the first write hours later.
        token.ifPresent(t -> b.header("Authorization", t.authorizationHeader()));
        CompletableFuture<HttpResponse<byte[]>> future =
                http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            // HttpRequest.timeout stops at the headers; this bounds the body too (a server stalling mid-body).
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new java.net.http.HttpTimeoutException("no complete response within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (CancellationException e) {
            throw new IOException("request cancelled", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause == null ? "request failed" : cause.toString(), cause);
        }
    }

    // --- failure mapping ---------------------------------------------------------------------------------------

    private PdcException fromResponse(Call call, HttpResponse<byte[]> response, boolean uncertain) {
        int status = response.statusCode();
        JsonNode body = parseErrorBody(response.body());
        Duration retryAfter = RetryPolicy.parseRetryAfter(
                response.headers().firstValue("Retry-After").orElse(null), Clock.systemUTC()).orElse(null);
        PdcException.Failure f = failure(call, status, body, retryAfter, uncertain);
        String base = call.method() + " " + call.describe() + " -> " + status + ": " + abbreviate(body);
        if (status >= 300 && status < 400) {
            return new PdcProtocolException(base + " (redirect to "
                    + response.headers().firstValue("Location").orElse("?") + " not followed: the URL lacks its "
                    + "trailing slash or the API root is wrong, e.g. http instead of https)", f);
        }
        if (status == 401 || status == 403) {
            return new PdcAuthException(base + (status == 401
                    ? " — PDC rejected the credentials: check the token file / pdc.token setting (a stale token "
                    + "breaks reads too)" + (token.isEmpty() ? "; no token is configured" : "")
                    : " — the token's user lacks the permission: check the token file / the user's PDC groups"), f);
        }
        if (status == 404) {
            return new PdcNotFoundException(base, f);
        }
        if (status == 400 && DuplicateErrors.isDuplicate(body)) {
            return new PdcDuplicateException(base + (uncertain ? " (possibly created by an earlier attempt of "
                    + "this request that timed out)" : ""), f);
        }
        if (status == 408 || status == 409 || status == 429 || status >= 500) {
            return new PdcTransientException(base, f, null);
        }
        return new PdcInvalidRequestException(base, f);
    }

    private PdcTransientException transientIo(Call call, IOException e, boolean uncertain) {
        return new PdcTransientException(call.method() + " " + call.describe() + " failed: " + e,
                failure(call, 0, null, null, uncertain), e);
    }

    private PdcException.Failure failure(Call call, int status, JsonNode body, Duration retryAfter, boolean uncertain) {
        return new PdcException.Failure(call.method(), call.describe(), status, body, retryAfter, uncertain);
    }

    /** JSON when possible (PDC's errors are), else the text (an HTML error page from a proxy), token redacted. */
    JsonNode parseErrorBody(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return null;
        }
        String text = redact(new String(raw, StandardCharsets.UTF_8));
        try {
            return mapper.readTree(text);
        } catch (IOException notJson) {
            return TextNode.valueOf(text.length() > 2000 ? text.substring(0, 2000) + "..." : text);
        }
    }

    String redact(String text) {
        return token.map(t -> t.redact(text)).orElse(text);
    }

    private static String abbreviate(JsonNode body) {
        if (body == null) {
            return "(no body)";
        }
        String s = body.isTextual() ? body.asText() : body.toString();
        return s.length() > MAX_MESSAGE_BODY_CHARS ? s.substring(0, MAX_MESSAGE_BODY_CHARS) + "..." : s;
    }

    private static String summary(PdcException e) {
        return e.status() == 0 ? String.valueOf(e.getCause()) : e.status() + " " + abbreviate(e.body());
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    // --- plumbing ----------------------------------------------------------------------------------------------

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "pdc-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Trusts every certificate. An {@link X509ExtendedTrustManager} also skips the JSSE host name check (which
     * lives in the trust manager's engine-aware methods), so "insecure" means both checks are off.
     */
    private static SSLContext trustAll() {
        TrustManager tm = new X509ExtendedTrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] c, String a, Socket s) { }
            @Override public void checkServerTrusted(X509Certificate[] c, String a, Socket s) { }
            @Override public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) { }
            @Override public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) { }
            @Override public void checkClientTrusted(X509Certificate[] c, String a) { }
            @Override public void checkServerTrusted(X509Certificate[] c, String a) { }
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[]{tm}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the insecure TLS context", e);
        }
    }
}
