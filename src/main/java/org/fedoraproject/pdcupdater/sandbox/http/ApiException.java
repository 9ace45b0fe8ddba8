package org.fedoraproject.pdcupdater.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request that ends with an error status and a PDC-shaped body. Thrown anywhere below the HTTP layer;
 * the transaction around a write is rolled back when it propagates, so no changeset is recorded.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final JsonNode body;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(int status, JsonNode body) {
        super(status + " " + body, null, false, false);
        this.status = status;
        this.body = body;
    }

    public ApiException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public JsonNode body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
