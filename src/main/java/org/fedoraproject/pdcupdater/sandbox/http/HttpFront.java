package org.fedoraproject.pdcupdater.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.fedoraproject.pdcupdater.sandbox.api.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns an HttpExchange into an ApiRequest and the answer back into bytes. Owns what Django does around the
 * views: APPEND_SLASH redirects, the JSON-or-HTML 404, the optional GET cache, authentication, and the
 * 503 for anything unexpected.
 */
public final class HttpFront implements HttpHandler {
    public static final String PREFIX = "/rest_api/v1/";
    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);

    private final Router router;
    private final Authenticator auth;
    private final GetCache cache;
    private final long maxBodyBytes;

    public HttpFront(Router router, Authenticator auth, boolean cacheGets, long maxBodyBytes) {
        this.router = router;
        this.auth = auth;
        this.cache = cacheGets ? new GetCache() : null;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
            String path = ex.getRequestURI().getPath();
            String rawQuery = ex.getRequestURI().getRawQuery();
            String accept = ex.getRequestHeaders().getFirst("Accept");
            String cacheKey = cache != null && method.equals("GET") ? ex.getRequestURI() + "|" + accept : null;
            if (cacheKey != null) {
                GetCache.Entry hit = cache.lookup(cacheKey);
                if (hit != null) {
                    send(ex, hit.status(), hit.body(), hit.headers());
                    return;
                }
            }
            Result r = dispatch(ex, method, path, rawQuery, accept);
            if (cacheKey != null) cache.store(cacheKey, r.status, r.body, r.headers);
            send(ex, r.status, r.body, r.headers);
        }
    }

    private record Result(int status, byte[] body, Map<String, String> headers) {
    }

    private Result dispatch(HttpExchange ex, String method, String path, String rawQuery, String accept) {
        Map<String, String> headers = new LinkedHashMap<>();
        boolean wantsJson = accept == null || accept.contains("application/json") || accept.contains("*/*");
        try {
            if (!path.startsWith(PREFIX)) {
                if ((path + "/").equals(PREFIX)) return redirect(PREFIX, rawQuery);
                throw ErrorBodies.noRoute();
            }
            String route = path.substring(PREFIX.length());
            if (!route.isEmpty() && !route.endsWith("/")) {
                // Django APPEND_SLASH: only when the slashed URL would match.
                if (router.match(route + "/") != null) return redirect(path + "/", rawQuery);
                throw ErrorBodies.noRoute();
            }
            Router.Match match = router.match(route);
            if (match == null) throw ErrorBodies.noRoute();
            String user = auth.authenticate(ex.getRequestHeaders().getFirst("Authorization"));
            InputStream body = ex.getRequestBody();
            if (maxBodyBytes > 0) body = new LimitedInputStream(body, maxBodyBytes);
            ApiRequest req = new ApiRequest(method, route, QueryParams.parse(rawQuery), ex.getRequestHeaders(),
                    body, baseUrl(ex), user);
            ApiResponse resp = match.endpoint().handle(req, match.key());
            headers.putAll(resp.headers());
            byte[] bytes = resp.body() == null ? new byte[0] : Json.write(resp.body()).getBytes(StandardCharsets.UTF_8);
            return new Result(resp.status(), bytes, headers);
        } catch (ApiException e) {
            headers.putAll(e.headers());
            if (e.status() == 404 && !wantsJson && "Not found".equals(e.body().path("detail").asText())) {
                headers.put("Content-Type", "text/html; charset=utf-8");
                return new Result(404, "<h1>Not Found</h1><p>The requested URL was not found on this server.</p>"
                        .getBytes(StandardCharsets.UTF_8), headers);
            }
            return new Result(e.status(), Json.write(e.body()).getBytes(StandardCharsets.UTF_8), headers);
        } catch (RuntimeException e) {
            LOG.error("PDC sandbox: unhandled error on {} {}", method, path, e);
            // PDC maps unhandled exceptions to 503, not 500 (pdc-api.md 1.8).
            return new Result(503, Json.write(ErrorBodies.serverError()).getBytes(StandardCharsets.UTF_8), headers);
        }
    }

    private static Result redirect(String location, String rawQuery) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Location", rawQuery == null ? location : location + "?" + rawQuery);
        h.put("Content-Type", "text/html; charset=utf-8");
        return new Result(301, new byte[0], h);
    }

    private static String baseUrl(HttpExchange ex) {
        String host = ex.getRequestHeaders().getFirst("Host");
        if (host == null || host.isBlank()) {
            host = ex.getLocalAddress().getHostString() + ":" + ex.getLocalAddress().getPort();
        }
        return "http://" + host;
    }

    private static void send(HttpExchange ex, int status, byte[] body, Map<String, String> headers) throws IOException {
        // Drain what the client sent but we did not read, so keep-alive connections stay usable.
        try (InputStream in = ex.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // the client went away; nothing to drain
        }
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        if (!headers.containsKey("Content-Type")) {
            ex.getResponseHeaders().set("Content-Type", "application/json");
        }
        ex.getResponseHeaders().set("Vary", "Accept");
        if (status == 204 || status == 301 && body.length == 0 || status == 304) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
