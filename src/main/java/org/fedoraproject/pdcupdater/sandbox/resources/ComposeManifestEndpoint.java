package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.api.Endpoint;
import org.fedoraproject.pdcupdater.sandbox.db.ChangesetRecorder;
import org.fedoraproject.pdcupdater.sandbox.db.Database;
import org.fedoraproject.pdcupdater.sandbox.db.DbException;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ApiException;
import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;
import org.fedoraproject.pdcupdater.sandbox.http.ApiResponse;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;
import org.fedoraproject.pdcupdater.sandbox.http.Json;

/**
 * What compose-rpms/ and compose-images/ (pdc-api.md 2.20, 2.21) have in common: POST on the list URL imports a
 * productmd manifest in one write transaction with its changeset (all or nothing; compose-rpms commits in batches
 * under the same write lock and keeps its rows hidden until its last transaction), GET {compose_id}/ rebuilds the
 * manifest, nothing else is allowed; integrity violations are 409, other database failures 500.
 */
abstract class ComposeManifestEndpoint implements Endpoint {
    private final Database db;
    final ComposeStore store;

    ComposeManifestEndpoint(Database db, ComposeResource composes) {
        this.db = db;
        this.store = new ComposeStore(composes);
    }

    /** Imports the request's body; runs inside the write transaction. */
    abstract ApiResponse importManifest(Tx tx, ApiRequest req, ChangesetRecorder changes);

    /** The manifest's {@code header.type} (e.g. productmd.rpms) and its payload key next to compose. */
    abstract String manifestType();

    abstract String payloadKey();

    /** The payload's rpms or images of one compose. */
    abstract JsonNode exportPayload(Tx tx, long composePk);

    @Override
    public final ApiResponse handle(ApiRequest req, String key) {
        String allowed = key == null ? "POST" : "GET";
        if (!req.method().equals(allowed)) throw ErrorBodies.methodNotAllowed(req.method()).header("Allow", allowed);
        if (!req.query().names().isEmpty()) throw ErrorBodies.unknownQueryParams(req.query().names());
        if (key != null) return ApiResponse.ok(db.read(tx -> manifest(tx, key)));
        if (req.user() == null) throw ErrorBodies.notAuthenticated();
        try {
            return db.write(tx -> {
                ChangesetRecorder changes = new ChangesetRecorder();
                ApiResponse resp = importManifest(tx, req, changes);
                changes.commit(tx, req.user(), req.changeComment());
                return resp;
            });
        } catch (DbException e) {
            if (e.isIntegrityViolation()) throw new ApiException(409, ErrorBodies.detail(e.getMessage()));
            throw new ApiException(500, ErrorBodies.databaseError());
        }
    }

    /** productmd manifest rebuilt from the database. */
    private ObjectNode manifest(Tx tx, String composeId) {
        Long composePk = tx.longValue("SELECT id FROM composes c WHERE compose_id = ? AND "
                + PendingImports.visible("c"), composeId);
        if (composePk == null) throw ErrorBodies.notFound();
        ObjectNode payload = Json.obj();
        payload.set("compose", ComposeStore.manifestCompose(tx, composePk));
        payload.set(payloadKey(), exportPayload(tx, composePk));
        ObjectNode doc = Json.obj();
        doc.set("header", Json.obj().put("type", manifestType()).put("version", "1.2"));
        doc.set("payload", payload);
        return doc;
    }

    /** The 201 answer: {"compose": id, "imported <what>": n}. */
    static ApiResponse imported(String composeId, String what, long count) {
        ObjectNode body = Json.obj();
        body.put("compose", composeId);
        body.put("imported " + what, count);
        return ApiResponse.created(body);
    }
}
