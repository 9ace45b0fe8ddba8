package org.fedoraproject.pdcupdater.sandbox.api;

import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;
import org.fedoraproject.pdcupdater.sandbox.http.ApiResponse;

/** Something mounted at a path below /rest_api/v1/ that answers list ({@code key == null}) and detail URLs. */
public interface Endpoint {
    /** e.g. {@code "contacts/people/"}; always ends with a slash. */
    String basePath();

    /** Whether this endpoint has a detail route ({@code <base>/<key>/}). */
    default boolean hasDetail() {
        return true;
    }

    ApiResponse handle(ApiRequest request, String key);
}
