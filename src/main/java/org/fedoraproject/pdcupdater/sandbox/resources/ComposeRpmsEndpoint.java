package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.db.ChangesetRecorder;
import org.fedoraproject.pdcupdater.sandbox.db.Database;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ApiException;
import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;
import org.fedoraproject.pdcupdater.sandbox.http.ApiResponse;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;
import org.fedoraproject.pdcupdater.sandbox.http.Json;
import org.fedoraproject.pdcupdater.sandbox.http.LimitedInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.SQLException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * compose-rpms/ (pdc-api.md 2.20). POST imports {release_id, composeinfo, rpm_manifest} all or nothing, as PDC's
 * one transaction does, but committed every 20,000 entries with the rows hidden until the end
 * ({@link PendingImports}); the body is parsed with Jackson's streaming API. When release_id and composeinfo come before the manifest and the
 * manifest's payload.compose before its rpms (the order of the updater's body and of Pungi's sorted keys), each
 * entry is written as it is read ({@link ComposeRpmLinker}); otherwise entries are staged and linked at the end
 * ({@link StagedRpms}). Either way errors are reported in PDC's order (missing and illegal fields first) and a
 * failure anywhere discards the whole import. GET {compose_id}/ rebuilds the manifest.
 */
public final class ComposeRpmsEndpoint extends ComposeManifestEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(ComposeRpmsEndpoint.class);
    /**
     * Field-name canonicalisation would keep every distinct key, a million NEVRAs, in the parser's symbol table.
     */
    private static final ObjectMapper STREAMING = new ObjectMapper(JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build());

    public ComposeRpmsEndpoint(Database db, ComposeResource composes) {
        super(db, composes);
        PendingImports.sweep(db);
    }

    @Override
    public String basePath() {
        return "compose-rpms/";
    }

    @Override
    String manifestType() {
        return "productmd.rpms";
    }

    @Override
    String payloadKey() {
        return "rpms";
    }

    @Override
    ApiResponse importManifest(Tx tx, ApiRequest req, ChangesetRecorder changes) {
        try (Import run = new Import(tx, req, changes)) {
            return run.execute();
        }
    }

    /** One import: the body's fields as they are read, and where the manifest's entries go. */
    private final class Import implements AutoCloseable {
        private final Tx tx;
        private final ApiRequest req;
        private final ChangesetRecorder changes;
        private final List<String> illegal = new ArrayList<>();
        private String releaseId;
        private JsonNode composeinfo;
        private boolean manifestSeen;
        private boolean manifestObject;
        private RpmManifestReader reader;
        private ComposeRpmLinker linker;
        private StagedRpms staged;
        private String composeId;
        /** Set once the compose is known; from then on a failure must discard what was committed. */
        private Long importId;
        /** An error PDC would report only after checking the fields; the rest of the manifest is then skipped. */
        private ApiException deferred;

        Import(Tx tx, ApiRequest req, ChangesetRecorder changes) {
            this.tx = tx;
            this.req = req;
            this.changes = changes;
        }

        ApiResponse execute() {
            try {
                ApiResponse resp = importAll();
                PendingImports.finish(tx, importId);
                return resp;
            } catch (RuntimeException | Error e) {
                if (importId != null) discard();
                throw e;
            }
        }

        /** Rolls back the open batch and deletes the committed ones; a failure here is left to the startup sweep. */
        private void discard() {
            close();
            try {
                tx.connection().rollback();
                PendingImports.discard(tx, importId, true);
            } catch (SQLException | RuntimeException e) {
                LOG.warn("compose-rpms import {} not discarded, the next start sweeps it: {}", importId, e.toString());
            }
        }

        private ApiResponse importAll() {
            readBody();
            ObjectNode errors = Json.obj();
            if (releaseId == null) errors.set("release_id", Json.arr(List.of("This field is required")));
            if (composeinfo == null) errors.set("composeinfo", Json.arr(List.of("This field is required")));
            if (!manifestSeen) errors.set("rpm_manifest", Json.arr(List.of("This field is required")));
            for (String k : illegal) errors.set(k, Json.arr(List.of("This field is illegal")));
            if (!errors.isEmpty()) throw new ApiException(400, errors);
            if (deferred != null) throw deferred;
            if (!manifestObject || reader.manifestCompose() == null) {
                throw ComposeInfo.parseError("rpm_manifest: missing payload.compose");
            }
            if (linker == null) {
                open(reader.manifestCompose());
                if (staged != null) staged.replay(linker);
            }
            linker.flush();
            changes.notice(Json.obj().put("compose", composeId).put("num_linked_rpms", linker.linked()));
            return imported(composeId, "rpms", linker.linked());
        }

        private void readBody() {
            try (InputStream in = req.bodyStream(); JsonParser p = STREAMING.createParser(in)) {
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
                            if (t == JsonToken.START_OBJECT && reader == null) {
                                manifestObject = true;
                                reader = new RpmManifestReader(this::sinkFor);
                                reader.read(p);
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
        }

        /** Called when the manifest's rpms start: link directly if the compose can be checked now, else stage. */
        private Consumer<ManifestRpm> sinkFor(JsonNode manifestCompose) {
            if (releaseId == null || composeinfo == null || manifestCompose == null) {
                staged = new StagedRpms(tx);
                return staged;
            }
            try {
                open(manifestCompose);
            } catch (ApiException e) {
                deferred = e;
            }
            return entry -> {
                if (deferred != null) return;
                try {
                    linker.accept(entry);
                } catch (ApiException e) {
                    deferred = e;
                }
            };
        }

        /** PDC's checks in its order, then the compose and its variants get-or-created and the linker ready. */
        private void open(JsonNode manifestCompose) {
            long releasePk = ComposeStore.release(tx, releaseId);
            ComposeInfo ci = ComposeInfo.parse(composeinfo);
            if (!ci.id().equals(manifestCompose.path("id").asText())) {
                throw ErrorBodies.badRequestList("Inconsistent data: different compose id in composeinfo and rpms file.");
            }
            long id = PendingImports.nextId(tx);
            long composePk = store.compose(tx, releasePk, ci, true, changes, req, id);
            Map<String, Long> variantArches = store.variantArches(tx, composePk, ci);
            PendingImports.begin(tx, id, composePk);
            importId = id;
            composeId = ci.id();
            // A staged replay reads a result set of this transaction: no commits under it.
            linker = new ComposeRpmLinker(tx, variantArches, id, staged == null);
        }

        @Override
        public void close() {
            if (linker != null) linker.close();
            if (staged != null) staged.close();
            linker = null;
            staged = null;
        }
    }

    @Override
    JsonNode exportPayload(Tx tx, long composePk) {
        ObjectNode rpms = Json.obj();
        tx.list("SELECT v.variant_uid, a.name, r.name, r.epoch, r.version, r.release, r.arch, r.srpm_nevra, r.filename, "
                + "cc.name, sk.key_id, pa.path FROM compose_rpms cr JOIN variant_arches va ON va.id = cr.variant_arch_pk "
                + "JOIN variants v ON v.id = va.variant_pk JOIN arches a ON a.id = va.arch_pk JOIN rpms r ON r.id = cr.rpm_pk "
                + "JOIN content_categories cc ON cc.id = cr.content_category_pk LEFT JOIN sigkeys sk ON sk.id = cr.sigkey_pk "
                + "JOIN paths pa ON pa.id = cr.path_pk WHERE v.compose_pk = ? AND " + PendingImports.visible("cr") + " ORDER BY v.variant_uid, a.name, r.id", rs -> {
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
        return rpms;
    }
}
