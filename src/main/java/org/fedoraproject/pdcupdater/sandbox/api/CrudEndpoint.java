package org.fedoraproject.pdcupdater.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.db.ChangesetRecorder;
import org.fedoraproject.pdcupdater.sandbox.db.Database;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ApiException;
import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;
import org.fedoraproject.pdcupdater.sandbox.http.ApiResponse;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;
import org.fedoraproject.pdcupdater.sandbox.http.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The DRF viewset machinery shared by every model endpoint: method table and 405s, the strict query-param
 * check, list/retrieve, single and bulk writes (all-or-nothing, with PDC's bulk error body), the empty-PATCH
 * rule, token requirement for writes, one transaction per request and the changeset of that request.
 */
public final class CrudEndpoint implements Endpoint {
    private static final Set<String> ALWAYS_ALLOWED = Set.of("page", "page_size", "ordering", "fields", "exclude_fields");

    private final Database db;
    private final Resource r;
    private final PageAnchors anchors = new PageAnchors();

    public CrudEndpoint(Database db, Resource resource) {
        this.db = db;
        this.r = resource;
    }

    @Override
    public String basePath() {
        return r.path();
    }

    @Override
    public boolean hasDetail() {
        return r.hasDetail();
    }

    List<String> methods(boolean detail) {
        List<String> m = new ArrayList<>();
        if (detail) {
            if (r.canRetrieve()) m.add("GET");
            if (r.canPut()) m.add("PUT");
            if (r.canUpdate()) m.add("PATCH");
            if (r.canDelete()) m.add("DELETE");
        } else {
            if (r.canList()) m.add("GET");
            if (r.canCreate()) m.add("POST");
            if (r.bulk() && r.canPut()) m.add("PUT");
            if (r.bulk() && r.canUpdate()) m.add("PATCH");
            if (r.bulk() && r.canDelete()) m.add("DELETE");
        }
        return m;
    }

    @Override
    public ApiResponse handle(ApiRequest req, String key) {
        String method = req.method();
        List<String> allowed = methods(key != null);
        if (!allowed.contains(method)) {
            throw ErrorBodies.methodNotAllowed(method).header("Allow", String.join(", ", allowed));
        }
        checkQueryParams(req);
        if (method.equals("GET")) {
            if (key != null) return retrieve(req, key);
            long version = db.writeVersion();
            return ApiResponse.ok(db.read(tx -> Lister.list(tx, r, req, anchors, version)));
        }
        if (req.user() == null) throw ErrorBodies.notAuthenticated();
        return switch (method) {
            case "POST" -> inWrite(req, ctx -> create(ctx, req.json()));
            case "PUT", "PATCH" -> {
                boolean partial = method.equals("PATCH");
                yield key == null
                        ? inWrite(req, ctx -> bulkUpdate(ctx, req.json(), partial))
                        : inWrite(req, ctx -> update(ctx, key, req.json(), partial));
            }
            case "DELETE" -> key == null
                    ? inWrite(req, ctx -> bulkDelete(ctx, req.json()))
                    : inWrite(req, ctx -> delete(ctx, key));
            default -> throw ErrorBodies.methodNotAllowed(method);
        };
    }

    private void checkQueryParams(ApiRequest req) {
        Set<String> unknown = new LinkedHashSet<>(req.query().names());
        unknown.removeAll(ALWAYS_ALLOWED);
        unknown.removeAll(r.listSpec().filters().keySet());
        r.extraParams().forEach(unknown::remove);
        if (!unknown.isEmpty()) throw ErrorBodies.unknownQueryParams(unknown);
    }

    private ApiResponse retrieve(ApiRequest req, String key) {
        FieldSelector fields = FieldSelector.from(req.query(), r.outputFields());
        return db.read(tx -> {
            Long pk = r.lookup(tx, key, req);
            if (pk == null) throw ErrorBodies.notFound();
            return ApiResponse.ok(fields.apply(r.render(tx, List.of(pk), req).get(0)));
        });
    }

    /** Runs a write in one transaction and stores its changeset there; any exception rolls back both. */
    private ApiResponse inWrite(ApiRequest req, Function<WriteContext, ApiResponse> work) {
        try {
            return db.write(tx -> {
                ChangesetRecorder rec = new ChangesetRecorder();
                ApiResponse resp = work.apply(new WriteContext(tx, rec, req));
                rec.commit(tx, req.user(), req.changeComment());
                return resp;
            });
        } catch (org.fedoraproject.pdcupdater.sandbox.db.DbException e) {
            if (e.isIntegrityViolation()) throw new ApiException(409, ErrorBodies.detail(e.getMessage()));
            throw new ApiException(500, ErrorBodies.databaseError());
        }
    }

    private ApiResponse create(WriteContext ctx, JsonNode body) {
        if (body.isArray()) {
            if (!r.bulk()) throw ErrorBodies.notADict("list");
            ArrayNode out = Json.arr();
            List<JsonNode> items = new ArrayList<>();
            body.forEach(items::add);
            List<Long> pks;
            try {
                pks = r.createMany(ctx, items);
            } catch (BulkItemException e) {
                throw bulkError(e.error(), Json.F.numberNode(e.index()), items.get(e.index()));
            }
            if (pks != null) {
                Tx tx = ctx.tx();
                for (int i = 0; i < pks.size(); i += 500) {
                    List<Long> chunk = pks.subList(i, Math.min(pks.size(), i + 500));
                    List<com.fasterxml.jackson.databind.node.ObjectNode> rendered = r.render(tx, chunk, ctx.request());
                    for (int k = 0; k < chunk.size(); k++) {
                        ctx.changes().created(r.model(), r.changeId(chunk.get(k)), r.exportOf(rendered.get(k)));
                        out.add(rendered.get(k));
                    }
                }
                return ApiResponse.created(out);
            }
            int i = 0;
            for (JsonNode item : body) {
                try {
                    out.add(createOne(ctx, item));
                } catch (ApiException e) {
                    throw bulkError(e, Json.F.numberNode(i), item);
                }
                i++;
            }
            return ApiResponse.created(out);
        }
        ctx.resetAnswer();
        ObjectNode created = createOne(ctx, body);
        ApiResponse resp = ApiResponse.of(ctx.status() != null ? ctx.status() : 201, created);
        if (ctx.warning() != null) resp.header(ErrorBodies.WARNING_HEADER, ctx.warning());
        return resp;
    }

    private ObjectNode createOne(WriteContext ctx, JsonNode body) {
        ctx.resetAnswer();
        long pk = r.create(ctx, body);
        Tx tx = ctx.tx();
        if (ctx.status() == null) ctx.changes().created(r.model(), r.changeId(pk), r.export(tx, pk, ctx.request()));
        return r.render(tx, List.of(pk), ctx.request()).get(0);
    }

    private ApiResponse update(WriteContext ctx, String key, JsonNode body, boolean partial) {
        return ApiResponse.ok(updateOne(ctx, key, body, partial));
    }

    private ObjectNode updateOne(WriteContext ctx, String key, JsonNode body, boolean partial) {
        Tx tx = ctx.tx();
        Long pk = r.lookup(tx, key, ctx.request());
        if (pk == null) throw ErrorBodies.notFound();
        if (partial && body.isObject() && body.isEmpty()) throw ErrorBodies.emptyPatch();
        JsonNode before = r.export(tx, pk, ctx.request());
        r.update(ctx, pk, body, partial);
        ctx.changes().updated(r.model(), r.changeId(pk), before, r.export(tx, pk, ctx.request()));
        return r.render(tx, List.of(pk), ctx.request()).get(0);
    }

    private ApiResponse delete(WriteContext ctx, String key) {
        ctx.resetAnswer();
        deleteOne(ctx, key);
        ApiResponse resp = ApiResponse.noContent();
        if (ctx.warning() != null) resp.header(ErrorBodies.WARNING_HEADER, ctx.warning());
        return resp;
    }

    private void deleteOne(WriteContext ctx, String key) {
        Tx tx = ctx.tx();
        Long pk = r.lookup(tx, key, ctx.request());
        if (pk == null) throw ErrorBodies.notFound();
        JsonNode before = r.export(tx, pk, ctx.request());
        r.delete(ctx, pk);
        ctx.changes().deleted(r.model(), r.changeId(pk), before);
    }

    private ApiResponse bulkUpdate(WriteContext ctx, JsonNode body, boolean partial) {
        if (!body.isObject()) throw ErrorBodies.badRequest("Bulk update needs a mapping.");
        // pdc-api.md errata 3: the bulk form of the empty-PATCH error carries no pdc-warning header.
        if (partial && body.isEmpty()) throw ErrorBodies.badRequest(ErrorBodies.EMPTY_PATCH);
        ObjectNode out = Json.obj();
        Iterator<Map.Entry<String, JsonNode>> it = body.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                out.set(e.getKey(), updateOne(ctx, e.getKey(), e.getValue(), partial));
            } catch (ApiException ex) {
                throw bulkError(ex, Json.F.textNode(e.getKey()), e.getValue());
            }
        }
        return ApiResponse.ok(out);
    }

    private ApiResponse bulkDelete(WriteContext ctx, JsonNode body) {
        if (!body.isArray()) throw ErrorBodies.badRequest("Bulk delete needs a list of identifiers.");
        Map<String, JsonNode> keys = new LinkedHashMap<>();
        for (JsonNode k : body) {
            if (!(k.isTextual() || k.isIntegralNumber())) {
                throw ErrorBodies.badRequest("\"" + (k.isTextual() ? k.asText() : Json.write(k)) + "\" is not a valid identifier.");
            }
            keys.putIfAbsent(k.asText(), k);
        }
        for (Map.Entry<String, JsonNode> k : keys.entrySet()) {
            try {
                deleteOne(ctx, k.getKey());
            } catch (ApiException ex) {
                throw bulkError(ex, k.getValue(), null);
            }
        }
        return ApiResponse.noContent();
    }

    /** PDC's bulk failure body: the item's error, which item, and what was sent for it. */
    private static ApiException bulkError(ApiException e, JsonNode id, JsonNode item) {
        ObjectNode b = Json.obj();
        JsonNode body = e.body();
        if (body.isObject() && body.size() == 1 && body.has("detail")) b.set("detail", body.get("detail"));
        else b.set("detail", body);
        b.set("id_of_invalid_data", id);
        if (item != null) b.set("invalid_data", item);
        return new ApiException(e.status(), b);
    }
}
