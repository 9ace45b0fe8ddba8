package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
import org.fedoraproject.pdcupdater.sandbox.http.LimitedInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * compose-rpms/ (pdc-api.md 2.20). POST imports {release_id, composeinfo, rpm_manifest}: the body is parsed
 * with Jackson's streaming API and the manifest staged in batches, then merged with set-based SQL (missing
 * RPMs inserted, compose links added), all in one transaction. GET {compose_id}/ rebuilds the manifest.
 */
public final class ComposeRpmsEndpoint implements Endpoint {
    private static final Pattern SIGKEY = Pattern.compile("^[0-9a-fA-F]{8}$");

    private final Database db;
    private final ComposeStore store;

    public ComposeRpmsEndpoint(Database db, ComposeResource composes) {
        this.db = db;
        this.store = new ComposeStore(composes);
    }

    @Override
    public String basePath() {
        return "compose-rpms/";
    }

    @Override
    public ApiResponse handle(ApiRequest req, String key) {
        String allowed = key == null ? "POST" : "GET";
        if (!req.method().equals(allowed)) throw ErrorBodies.methodNotAllowed(req.method()).header("Allow", allowed);
        if (!req.query().names().isEmpty()) throw ErrorBodies.unknownQueryParams(req.query().names());
        if (key != null) return ApiResponse.ok(db.read(tx -> manifest(tx, key)));
        if (req.user() == null) throw ErrorBodies.notAuthenticated();
        try {
            return db.write(tx -> {
                ChangesetRecorder changes = new ChangesetRecorder();
                ApiResponse resp = importRpms(tx, req, changes);
                changes.commit(tx, req.user(), req.changeComment());
                return resp;
            });
        } catch (DbException e) {
            if (e.isIntegrityViolation()) throw new ApiException(409, ErrorBodies.detail(e.getMessage()));
            throw new ApiException(500, ErrorBodies.databaseError());
        }
    }

    private ApiResponse importRpms(Tx tx, ApiRequest req, ChangesetRecorder changes) {
        long importId = tx.longValue("SELECT NEXT VALUE FOR import_ids");
        String releaseId = null;
        JsonNode composeinfo = null;
        boolean manifestSeen = false;
        boolean manifestObject = false;
        List<String> illegal = new ArrayList<>();
        RpmManifestStager stager = new RpmManifestStager(tx, importId);
        try (stager; InputStream in = req.bodyStream(); JsonParser p = Json.MAPPER.createParser(in)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) throw ErrorBodies.notADict(first == JsonToken.START_ARRAY ? "list" : "str");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "release_id" -> {
                        releaseId = t.isScalarValue() ? p.getValueAsString() : null;
                        p.skipChildren();
                    }
                    case "composeinfo" -> composeinfo = p.readValueAsTree();
                    case "rpm_manifest" -> {
                        manifestSeen = true;
                        if (t == JsonToken.START_OBJECT) {
                            manifestObject = true;
                            stager.stage(p);
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> {
                        illegal.add(name);
                        p.skipChildren();
                    }
                }
            }
        } catch (LimitedInputStream.TooLarge e) {
            throw new ApiException(413, ErrorBodies.detail("Request body too large."));
        } catch (IOException e) {
            throw ErrorBodies.badRequest("JSON parse error - " + e.getMessage());
        }
        ObjectNode errors = Json.obj();
        if (releaseId == null) errors.set("release_id", Json.arr(List.of("This field is required")));
        if (composeinfo == null) errors.set("composeinfo", Json.arr(List.of("This field is required")));
        if (!manifestSeen) errors.set("rpm_manifest", Json.arr(List.of("This field is required")));
        for (String k : illegal) errors.set(k, Json.arr(List.of("This field is illegal")));
        if (!errors.isEmpty()) throw new ApiException(400, errors);

        long releasePk = ComposeStore.release(tx, releaseId);
        ComposeInfo ci = ComposeInfo.parse(composeinfo);
        if (!manifestObject || stager.manifestCompose() == null) throw ComposeInfo.parseError("rpm_manifest: missing payload.compose");
        if (!ci.id().equals(stager.manifestCompose().path("id").asText())) {
            throw ErrorBodies.badRequestList("Inconsistent data: different compose id in composeinfo and rpms file.");
        }
        long composePk = store.compose(tx, releasePk, ci, true, changes, req);
        Map<String, Long> variantArches = store.variantArches(tx, composePk, ci);
        for (Map.Entry<String, Long> va : variantArches.entrySet()) {
            int slash = va.getKey().lastIndexOf('/');
            tx.update("UPDATE import_rpm_stage SET variant_arch_pk = ? WHERE import_id = ? AND variant_uid = ? AND arch = ?",
                    va.getValue(), importId, va.getKey().substring(0, slash), va.getKey().substring(slash + 1));
        }
        long imported = merge(tx, importId);
        tx.update("DELETE FROM import_rpm_stage WHERE import_id = ?", importId);
        changes.notice(Json.obj().put("compose", ci.id()).put("num_linked_rpms", imported));
        ObjectNode body = Json.obj();
        body.put("compose", ci.id());
        body.put("imported rpms", imported);
        return ApiResponse.created(body);
    }

    /** Set-based merge of the staged rows that belong to a variant/arch of the composeinfo. */
    private static long merge(Tx tx, long importId) {
        String staged = " FROM import_rpm_stage s WHERE s.import_id = ? AND s.variant_arch_pk IS NOT NULL";
        List<String> unknownCategories = tx.list("SELECT DISTINCT s.category" + staged
                + " AND NOT EXISTS (SELECT 1 FROM content_categories cc WHERE cc.name = s.category)", rs -> rs.getString(1), importId);
        if (!unknownCategories.isEmpty()) throw ErrorBodies.lookupNotFound("ContentCategory");
        for (String key : tx.list("SELECT DISTINCT s.sigkey" + staged + " AND s.sigkey IS NOT NULL", rs -> rs.getString(1), importId)) {
            if (!SIGKEY.matcher(key).matches()) throw ErrorBodies.badRequestList("Invalid sigkey: " + key);
            if (!tx.exists("SELECT 1 FROM sigkeys WHERE key_id = ?", key)) tx.update("INSERT INTO sigkeys (key_id) VALUES (?)", key);
        }
        tx.update("INSERT INTO paths (path) SELECT DISTINCT s.dir" + staged
                + " AND NOT EXISTS (SELECT 1 FROM paths pa WHERE pa.path = s.dir)", importId);
        String sameRpm = "r.name = s.name AND r.epoch = s.epoch AND r.version = s.version AND r.release = s.release AND r.arch = s.rpm_arch";
        // Source RPMs keep srpm_nevra NULL so the rpms/ rule "null iff arch is src" holds for imported rows too.
        tx.update("INSERT INTO rpms (name, epoch, version, release, arch, srpm_name, srpm_nevra, filename) "
                + "SELECT s.name, s.epoch, s.version, s.release, s.rpm_arch, MIN(s.srpm_name), "
                + "MIN(CASE WHEN s.rpm_arch = 'src' THEN NULL ELSE s.srpm_nevra END), MIN(s.filename)" + staged
                + " AND NOT EXISTS (SELECT 1 FROM rpms r WHERE " + sameRpm + ") "
                + "GROUP BY s.name, s.epoch, s.version, s.release, s.rpm_arch", importId);
        tx.update("INSERT INTO compose_rpms (variant_arch_pk, rpm_pk, content_category_pk, sigkey_pk, path_pk) "
                + "SELECT s.variant_arch_pk, r.id, MIN(cc.id), MIN(sk.id), MIN(pa.id) FROM import_rpm_stage s "
                + "JOIN rpms r ON " + sameRpm + " JOIN content_categories cc ON cc.name = s.category "
                + "LEFT JOIN sigkeys sk ON sk.key_id = s.sigkey JOIN paths pa ON pa.path = s.dir "
                + "WHERE s.import_id = ? AND s.variant_arch_pk IS NOT NULL "
                + "AND NOT EXISTS (SELECT 1 FROM compose_rpms x WHERE x.variant_arch_pk = s.variant_arch_pk AND x.rpm_pk = r.id) "
                + "GROUP BY s.variant_arch_pk, r.id", importId);
        return tx.longValue("SELECT COUNT(*)" + staged, importId);
    }

    /** productmd rpms manifest rebuilt from the database. */
    private static ObjectNode manifest(Tx tx, String composeId) {
        Long composePk = tx.longValue("SELECT id FROM composes WHERE compose_id = ?", composeId);
        if (composePk == null) throw ErrorBodies.notFound();
        ObjectNode rpms = Json.obj();
        tx.list("SELECT v.variant_uid, a.name, r.name, r.epoch, r.version, r.release, r.arch, r.srpm_nevra, r.filename, "
                + "cc.name, sk.key_id, pa.path FROM compose_rpms cr JOIN variant_arches va ON va.id = cr.variant_arch_pk "
                + "JOIN variants v ON v.id = va.variant_pk JOIN arches a ON a.id = va.arch_pk JOIN rpms r ON r.id = cr.rpm_pk "
                + "JOIN content_categories cc ON cc.id = cr.content_category_pk LEFT JOIN sigkeys sk ON sk.id = cr.sigkey_pk "
                + "JOIN paths pa ON pa.id = cr.path_pk WHERE v.compose_pk = ? ORDER BY v.variant_uid, a.name, r.id", rs -> {
            String nevra = rs.getString(3) + "-" + rs.getInt(4) + ":" + rs.getString(5) + "-" + rs.getString(6) + "." + rs.getString(7);
            String srpm = rs.getString(8) == null ? nevra : rs.getString(8);
            ObjectNode entry = Json.obj();
            entry.put("category", rs.getString(10));
            String dir = rs.getString(12);
            entry.put("path", dir.isEmpty() ? rs.getString(9) : dir + "/" + rs.getString(9));
            Rows.putNullable(entry, "sigkey", rs.getString(11));
            rpms.with(rs.getString(1)).with(rs.getString(2)).with(srpm).set(nevra, entry);
            return null;
        }, composePk);
        ObjectNode payload = Json.obj();
        payload.set("compose", ComposeStore.manifestCompose(tx, composePk));
        payload.set("rpms", rpms);
        ObjectNode doc = Json.obj();
        doc.set("header", Json.obj().put("type", "productmd.rpms").put("version", "1.2"));
        doc.set("payload", payload);
        return doc;
    }
}
