package org.fedoraproject.pdcupdater.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** Status, optional JSON body and extra headers (pdc-warning, Allow, Location). */
public final class ApiResponse {
    private final int status;
    private final JsonNode body;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private ApiResponse(int status, JsonNode body) {
        this.status = status;
        this.body = body;
    }

    public static ApiResponse of(int status, JsonNode body) {
        return new ApiResponse(status, body);
    }

    public static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body);
    }

    public static ApiResponse created(JsonNode body) {
        return new ApiResponse(201, body);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null);
    }

    public ApiResponse header(String name, String value) {
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
