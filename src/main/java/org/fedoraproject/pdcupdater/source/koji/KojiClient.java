package org.fedoraproject.pdcupdater.source.koji;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads builds, RPMs, tags and dependencies from a Koji hub over XML-RPC.
 *
 * <p>One {@link HttpClient} per instance, so connections are kept alive and reused; share one
 * instance. Every method here is read-only on the hub, which is why all of them, multicalls
 * included, may be retried: I/O errors, timeouts, HTTP 5xx and 429 are retried with backoff and
 * end in a {@link KojiUnavailableException}; a {@link KojiFaultException} (the hub refused the
 * call) and a malformed or oversized response ({@link XmlRpcException}) are not retried.
 *
 * <p>Argument names and result keys follow kojihub.py; optional arguments go as keyword
 * arguments, as Koji's own client sends them.
 */
public class KojiClient {

    private static final String USER_AGENT = "pdc-updater koji-client";

    private final KojiClientSettings settings;
    private final XmlRpcCodec codec;
    private final HttpClient http;
    private final Backoff backoff;
    private final AtomicLong requests = new AtomicLong();

    public KojiClient(URI hubUrl) {
        this(KojiClientSettings.defaults(hubUrl));
    }

    public KojiClient(KojiClientSettings settings) {
        this.settings = settings;
        this.codec = new XmlRpcCodec(settings.limits());
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        // HTTP/1.1: Koji runs behind Apache mod_wsgi; keep-alive is what saves the handshakes.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public KojiClientSettings settings() {
        return settings;
    }

    /** HTTP requests sent so far, retries included; benchmarks compare request counts with it. */
    public long requestCount() {
        return requests.get();
    }

    // ---- builds

    /** {@code getBuild(buildInfo)} by id; empty when Koji has no such build. */
    public Optional<KojiBuild> getBuild(int buildId) {
        return Optional.ofNullable(call(KojiCall.of("getBuild", buildId))).map(KojiBuild::from);
    }

    /**
     * {@code getBuild(buildInfo)} by N-V-R, for messages that name a build without its id.
     * A string that is not N-V-R is refused by the hub ("invalid format") as a fault.
     */
    public Optional<KojiBuild> getBuild(String nvr) {
        return Optional.ofNullable(call(KojiCall.of("getBuild", nvr))).map(KojiBuild::from);
    }

    /**
     * {@code listTagged(tag, inherit=, latest=)}: the tag's builds, most recently tagged first.
     * A tag Koji does not know is a fault ({@code strict} stays at Koji's default, true), because
     * an audit of a misspelt tag must not look like an empty tag.
     */
    public List<KojiBuild> listTagged(String tag, boolean latest, boolean inherit) {
        // Collected per attempt, so a retry after a broken connection starts from an empty list.
        return send(listTaggedCall(tag, latest, inherit), body -> {
            List<KojiBuild> builds = new ArrayList<>();
            codec.decodeArrayResponse(body, item -> builds.add(KojiBuild.from(item)));
            return builds;
        }, () -> true);
    }

    /**
     * As {@link #listTagged}, handing each build to {@code sink} as it is read, for tags with
     * tens of thousands of builds. A transient failure is retried only while nothing has been
     * handed over yet; after that it ends in a {@link KojiUnavailableException}, so the sink
     * never sees a build twice.
     *
     * @return how many builds were handed over
     */
    public long forEachTagged(String tag, boolean latest, boolean inherit, Consumer<KojiBuild> sink) {
        AtomicLong delivered = new AtomicLong();
        return send(listTaggedCall(tag, latest, inherit), body -> codec.decodeArrayResponse(body, item -> {
            KojiBuild build = KojiBuild.from(item);
            delivered.incrementAndGet();
            sink.accept(build);
        }), () -> delivered.get() == 0);
    }

    private static KojiCall listTaggedCall(String tag, boolean latest, boolean inherit) {
        return KojiCall.of("listTagged", tag).with("inherit", inherit).with("latest", latest);
    }

    // ---- rpms

    /** {@code listRPMs(buildID=)}: every RPM of the build, source RPM included; empty for an unknown build. */
    public List<KojiRpm> listRPMs(int buildId) {
        return rpms(call(listRPMsCall(buildId)));
    }

    /**
     * The RPMs of many builds in few requests ({@code system.multicall}, batches of
     * {@link KojiClientSettings#multicallBatchSize()}), keyed by build id in the order given.
     *
     * @throws KojiFaultException the first fault any single call raised
     */
    public Map<Integer, List<KojiRpm>> listRPMs(Collection<Integer> buildIds) {
        List<Integer> ids = List.copyOf(buildIds);
        List<KojiCall> calls = new ArrayList<>(ids.size());
        ids.forEach(id -> calls.add(listRPMsCall(id)));
        List<KojiCallResult> results = multicall(calls);
        Map<Integer, List<KojiRpm>> byBuild = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            byBuild.put(ids.get(i), rpms(results.get(i).valueOrThrow()));
        }
        return byBuild;
    }

    private static KojiCall listRPMsCall(int buildId) {
        return KojiCall.of("listRPMs").with("buildID", buildId);
    }

    private static List<KojiRpm> rpms(Object value) {
        return list(value, "listRPMs").stream().map(KojiRpm::from).toList();
    }

    /**
     * {@code getRPMDeps(rpmID, depType)}; {@code depType} is one of {@link KojiDep#REQUIRES},
     * {@link KojiDep#PROVIDES}, {@link KojiDep#OBSOLETES}, {@link KojiDep#CONFLICTS} (or the weak
     * dependency types). Empty when Koji has no such RPM or no RPM file for it.
     */
    public List<KojiDep> getRPMDeps(int rpmId, int depType) {
        return list(call(KojiCall.of("getRPMDeps", rpmId, depType)), "getRPMDeps").stream()
                .map(KojiDep::from).toList();
    }

    /**
     * Every dependency of many RPMs ({@code getRPMDeps(rpmID)} without a type, so each RPM costs one call) in few
     * requests ({@code system.multicall}, batches of {@link KojiClientSettings#multicallBatchSize()}), keyed by RPM id
     * in the order given. An RPM Koji does not know has no dependencies.
     *
     * @throws KojiFaultException the first fault any single call raised
     */
    public Map<Integer, List<KojiDep>> getRPMDeps(Collection<Integer> rpmIds) {
        List<Integer> ids = List.copyOf(rpmIds);
        List<KojiCall> calls = new ArrayList<>(ids.size());
        ids.forEach(id -> calls.add(KojiCall.of("getRPMDeps", id)));
        List<KojiCallResult> results = calls.isEmpty() ? List.of() : multicall(calls);
        Map<Integer, List<KojiDep>> byRpm = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            byRpm.put(ids.get(i), list(results.get(i).valueOrThrow(), "getRPMDeps").stream().map(KojiDep::from).toList());
        }
        return byRpm;
    }

    // ---- tags

    /** {@code getTag(tagInfo)}; empty when Koji has no such tag. */
    public Optional<KojiTag> getTag(String name) {
        return Optional.ofNullable(call(KojiCall.of("getTag", name))).map(KojiTag::from);
    }

    // ---- generic

    /**
     * Any read-only hub method, decoded to plain Java values. Do not use it for methods that
     * change the hub: it retries.
     */
    public Object call(KojiCall call) {
        return send(call, codec::decodeResponse, () -> true);
    }

    /**
     * Many calls in {@code system.multicall} requests. Each result is the call's value or the
     * fault raised for that call alone; results come in the order of {@code calls}.
     */
    public List<KojiCallResult> multicall(List<KojiCall> calls) {
        List<KojiCallResult> results = new ArrayList<>(calls.size());
        int batchSize = settings.multicallBatchSize();
        for (int from = 0; from < calls.size(); from += batchSize) {
            List<KojiCall> batch = calls.subList(from, Math.min(calls.size(), from + batchSize));
            List<Object> encoded = new ArrayList<>(batch.size());
            for (KojiCall c : batch) {
                encoded.add(Map.of("methodName", c.method(), "params", c.params()));
            }
            List<Object> answers = list(call(KojiCall.of("system.multicall", encoded)), "system.multicall");
            if (answers.size() != batch.size()) {
                throw new XmlRpcException("system.multicall answered " + answers.size() + " results for "
                        + batch.size() + " calls");
            }
            answers.forEach(answer -> results.add(multicallResult(answer)));
        }
        return results;
    }

    /** The multicall convention: a one-element array holds the value, a struct is the call's fault. */
    private static KojiCallResult multicallResult(Object answer) {
        if (answer instanceof List<?> wrapped && wrapped.size() == 1) {
            return new KojiCallResult.Success(wrapped.get(0));
        }
        if (answer instanceof Map<?, ?> fault && fault.get("faultCode") instanceof Number code) {
            return new KojiCallResult.Failure(new KojiFaultException(code.intValue(),
                    String.valueOf(fault.get("faultString"))));
        }
        throw new XmlRpcException("malformed system.multicall result: " + answer);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String method) {
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new XmlRpcException(method + " returned " + (value == null ? "nil" : value.getClass().getSimpleName())
                + " instead of an array");
    }

    // ---- HTTP and retries

    @FunctionalInterface
    private interface BodyReader<T> {
        T read(InputStream body);
    }

    /** A failure worth another attempt, with the server's Retry-After if it gave one. */
    private static final class Transient extends Exception {
        final RuntimeException failure;
        final Duration retryAfter;

        Transient(RuntimeException failure, Duration retryAfter) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
            this.retryAfter = retryAfter;
        }
    }

    private <T> T send(KojiCall call, BodyReader<T> reader, BooleanSupplier mayRetry) {
        byte[] request = codec.encodeCall(call.method(), call.params());
        for (int attempt = 1; ; attempt++) {
            Transient failure;
            try {
                return once(request, reader);
            } catch (Transient t) {
                failure = t;
            }
            if (attempt >= settings.maxAttempts() || !mayRetry.getAsBoolean()) {
                throw new KojiUnavailableException("Koji " + call.method() + " failed after " + attempt
                        + " attempt(s): " + failure.getMessage(), attempt, failure.failure);
            }
            pause(backoff.delay(attempt, failure.retryAfter));
        }
    }

    private <T> T once(byte[] request, BodyReader<T> reader) throws Transient {
        HttpRequest httpRequest = HttpRequest.newBuilder(settings.hubUrl())
                .timeout(settings.readTimeout())
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                .build();
        HttpResponse<InputStream> response;
        requests.incrementAndGet();
        try {
            response = http.send(httpRequest, info -> new IdleTimeoutBodySubscriber(settings.readTimeout()));
        } catch (IOException e) {
            throw new Transient(new UncheckedIOException("Koji hub " + settings.hubUrl() + " unreachable: "
                    + e, e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling Koji", e);
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status != 200) {
                KojiHttpException error = new KojiHttpException(status, "Koji hub answered HTTP " + status + ": "
                        + snippet(body));
                if (error.isTransient()) {
                    throw new Transient(error, retryAfter(response));
                }
                throw error;
            }
            OptionalLong length = response.headers().firstValueAsLong("Content-Length");
            if (length.isPresent() && length.getAsLong() > settings.limits().maxBytes()) {
                throw new XmlRpcLimitExceededException("XML-RPC document larger than "
                        + settings.limits().maxBytes() + " bytes (Content-Length " + length.getAsLong() + ")");
            }
            return reader.read(body);
        } catch (UncheckedIOException e) {
            // The connection broke or went silent while the body was streaming in.
            throw new Transient(e, null);
        } catch (IOException e) {
            throw new Transient(new UncheckedIOException(e), null);
        }
    }

    /** The start of an error page, for the log; never more than a few hundred bytes. */
    private static String snippet(InputStream body) {
        try {
            byte[] start = body.readNBytes(300);
            return new String(start, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        } catch (IOException e) {
            return "(no body: " + e.getMessage() + ")";
        }
    }

    /** Retry-After in seconds; the HTTP-date form is rare enough from Koji's proxies to ignore. */
    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After")
                .filter(v -> v.strip().matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v.strip())))
                .orElse(null);
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry Koji", e);
        }
    }
}
