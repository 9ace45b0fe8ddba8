package org.fedoraproject.pdcupdater.sandbox.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;

import java.io.IOException;
import java.io.InputStream;

/**
 * One HTTP request as the API layer needs it. The body stays a stream so the compose-rpms import can parse
 * hundreds of megabytes without holding them; everything else reads it once as a tree.
 */
public final class ApiRequest {
    private final String method;
    private final String routePath;
    private final QueryParams query;
    private final Headers headers;
    private final InputStream body;
    private final String baseUrl;
    private final String user;
    private JsonNode parsed;
    private boolean bodyRead;

    public ApiRequest(String method, String routePath, QueryParams query, Headers headers, InputStream body,
                      String baseUrl, String user) {
        this.method = method;
        this.routePath = routePath;
        this.query = query;
        this.headers = headers;
        this.body = body;
        this.baseUrl = baseUrl;
        this.user = user;
    }

    public String method() {
        return method;
    }

    /** The path below /rest_api/v1/, e.g. {@code releases/fedora-24/}. */
    public String routePath() {
        return routePath;
    }

    public QueryParams query() {
        return query;
    }

    public String header(String name) {
        return headers.getFirst(name);
    }

    /** Scheme, host and port as the client addressed us; DRF builds absolute links from the Host header. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Authenticated username, or null for anonymous. */
    public String user() {
        return user;
    }

    public String changeComment() {
        return header("PDC-Change-Comment");
    }

    public InputStream bodyStream() {
        bodyRead = true;
        return body;
    }

    /** The body as a JSON tree; an empty body reads as an empty object, like DRF's request.data. */
    public JsonNode json() {
        if (parsed != null) return parsed;
        if (bodyRead) throw new IllegalStateException("body already consumed as a stream");
        bodyRead = true;
        try (InputStream in = body; JsonParser p = Json.MAPPER.createParser(in)) {
            JsonNode node = Json.MAPPER.readTree(p);
            parsed = node == null || node.isMissingNode() ? Json.obj() : node;
            return parsed;
        } catch (LimitedInputStream.TooLarge e) {
            throw new ApiException(413, ErrorBodies.detail("Request body too large."));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ErrorBodies.badRequest("JSON parse error - " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ErrorBodies.badRequest("JSON parse error - " + e.getMessage());
        }
    }
}
