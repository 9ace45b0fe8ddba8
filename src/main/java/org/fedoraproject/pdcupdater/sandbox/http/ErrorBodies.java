package org.fedoraproject.pdcupdater.sandbox.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The error bodies PDC 1.10 returns (pdc-api.md 1.8). Kept in one place because clients match on exact
 * texts, and a typo here would teach them the wrong thing.
 */
public final class ErrorBodies {
    public static final String EMPTY_PATCH = "Partial update with no changes does not make much sense.";
    public static final String WARNING_HEADER = "pdc-warning";

    private ErrorBodies() {
    }

    public static ObjectNode detail(String text) {
        ObjectNode o = Json.obj();
        o.put("detail", text);
        return o;
    }

    public static ObjectNode detailList(String... texts) {
        ObjectNode o = Json.obj();
        o.set("detail", Json.arr(List.of(texts)));
        return o;
    }

    public static ObjectNode field(String field, String message) {
        ObjectNode o = Json.obj();
        o.set(field, Json.arr(List.of(message)));
        return o;
    }

    public static ApiException badRequest(String text) {
        return new ApiException(400, detail(text));
    }

    public static ApiException badRequestList(String... texts) {
        return new ApiException(400, detailList(texts));
    }

    public static ApiException fieldError(String field, String message) {
        return new ApiException(400, field(field, message));
    }

    /** Detail URL with an unknown key (DRF). */
    public static ApiException notFound() {
        return new ApiException(404, detail("Not found."));
    }

    /** URL matching no route: Django's JSON 404 has no final period. */
    public static ApiException noRoute() {
        return new ApiException(404, detail("Not found"));
    }

    /** Object lookup inside a view (imports): Django's DoesNotExist text after PDC's "Not found: " plus a space. */
    public static ApiException lookupNotFound(String model) {
        return new ApiException(404, detail("Not found:  " + model + " matching query does not exist."));
    }

    public static ApiException methodNotAllowed(String method) {
        return new ApiException(405, detail("Method \"" + method + "\" not allowed."));
    }

    public static ApiException unknownQueryParams(Collection<String> names) {
        return badRequest("Unknown query params: " + names.stream().sorted().collect(Collectors.joining(", ")) + ".");
    }

    public static ApiException unknownFields(Collection<String> names) {
        return badRequest("Unknown fields: " + quoted(names) + ".");
    }

    public static ApiException readOnlyFields(Collection<String> names) {
        return badRequest("Can not update read only fields: " + quoted(names) + ".");
    }

    public static ApiException emptyPatch() {
        return new ApiException(400, detail(EMPTY_PATCH)).header(WARNING_HEADER, EMPTY_PATCH);
    }

    public static ApiException invalidPage() {
        return new ApiException(404, detail("Invalid page."));
    }

    public static ApiException notAuthenticated() {
        return new ApiException(401, detail("Authentication credentials were not provided."))
                .header("WWW-Authenticate", "Token");
    }

    public static ApiException invalidToken() {
        return new ApiException(401, detail("Invalid token.")).header("WWW-Authenticate", "Token");
    }

    public static ApiException invalidTokenHeader(String why) {
        return new ApiException(401, detail("Invalid token header. " + why)).header("WWW-Authenticate", "Token");
    }

    public static ApiException notADict(String gotType) {
        // pdc-api.md errata 2: real PDC answers DRF's own text, not the documented one.
        return new ApiException(400, detailList("Invalid data. Expected a dictionary, but got " + gotType + "."));
    }

    public static ObjectNode serverError() {
        return detail("The server encountered an internal error or misconfiguration and was unable to complete your request.");
    }

    public static ObjectNode databaseError() {
        return detail("The database encountered an internal error or misconfiguration and was unable to complete your request.");
    }

    public static String quoted(Collection<String> names) {
        return names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
    }

    /** Python's repr of a list of strings, as PDC echoes it in some messages. */
    public static String pyList(Collection<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ", "[", "]"));
    }
}
