package org.fedoraproject.pdcupdater.sandbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;
import org.fedoraproject.pdcupdater.sandbox.http.ApiResponse;
import org.fedoraproject.pdcupdater.sandbox.http.Authenticator;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;
import org.fedoraproject.pdcupdater.sandbox.http.Json;

import java.util.List;

/**
 * auth/token/obtain/, auth/token/refresh/ and auth/current-user/ (pdc-api.md 1.2, 2.1). Real PDC needs
 * Kerberos in front of the token endpoints; the sandbox has no front end, so it hands out its token to anyone.
 */
public final class AuthEndpoints {
    private AuthEndpoints() {
    }

    public static List<Endpoint> all(Authenticator auth) {
        return List.of(
                simple("auth/token/obtain/", List.of("GET", "POST"), req -> tokenBody(auth)),
                simple("auth/token/refresh/", List.of("GET", "PUT"), req -> tokenBody(auth)),
                simple("auth/current-user/", List.of("GET"), req -> {
                    if (req.user() == null) throw ErrorBodies.notAuthenticated();
                    ObjectNode o = Json.obj();
                    o.put("username", req.user());
                    o.put("fullname", "PDC sandbox");
                    o.put("e-mail", req.user() + "@localhost");
                    o.put("is_superuser", true);
                    o.put("is_staff", true);
                    o.set("groups", Json.arr());
                    o.set("permissions", Json.arr());
                    o.set("resource_permissions", Json.arr());
                    return o;
                }));
    }

    private static ObjectNode tokenBody(Authenticator auth) {
        ObjectNode o = Json.obj();
        o.put("token", auth.issuedToken());
        return o;
    }

    private static Endpoint simple(String path, List<String> methods,
                                   java.util.function.Function<ApiRequest, ObjectNode> body) {
        return new Endpoint() {
            @Override
            public String basePath() {
                return path;
            }

            @Override
            public boolean hasDetail() {
                return false;
            }

            @Override
            public ApiResponse handle(ApiRequest request, String key) {
                if (!methods.contains(request.method())) {
                    throw ErrorBodies.methodNotAllowed(request.method()).header("Allow", String.join(", ", methods));
                }
                if (!request.query().names().isEmpty()) throw ErrorBodies.unknownQueryParams(request.query().names());
                return ApiResponse.ok(body.apply(request));
            }
        };
    }
}
