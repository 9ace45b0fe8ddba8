package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.sandbox.db.DbException;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Streams a productmd rpms manifest ({@code payload.rpms.<variant>.<arch>.<srpm>.<rpm> = {path, sigkey,
 * category}}) from a Jackson parser into the import_rpm_stage table in JDBC batches. Memory use is one
 * batch, whatever the manifest size (Fedora's rpms.json reaches hundreds of megabytes).
 */
final class RpmManifestStager implements AutoCloseable {
    private static final int BATCH = 2000;

    private final long importId;
    private final PreparedStatement insert;
    private int pending;
    private long staged;
    private JsonNode manifestCompose;
    private boolean sawPayload;

    RpmManifestStager(Tx tx, long importId) {
        this.importId = importId;
        this.insert = tx.prepare("INSERT INTO import_rpm_stage (import_id, variant_uid, arch, srpm_nevra, name, epoch, version, "
                + "release, rpm_arch, srpm_name, filename, dir, sigkey, category) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    JsonNode manifestCompose() {
        return manifestCompose;
    }

    boolean sawPayload() {
        return sawPayload;
    }

    long staged() {
        return staged;
    }

    /** The parser is positioned on the manifest's START_OBJECT; consumes up to its END_OBJECT. */
    void stage(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            if (key.equals("payload") && t == JsonToken.START_OBJECT) {
                sawPayload = true;
                payload(p);
            } else {
                p.skipChildren();
            }
        }
        flush();
    }

    private void payload(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            if (key.equals("compose")) {
                manifestCompose = p.readValueAsTree();
            } else if (key.equals("rpms") && t == JsonToken.START_OBJECT) {
                rpms(p);
            } else {
                p.skipChildren();
            }
        }
    }

    private void rpms(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String variant = p.currentName();
            expectObject(p, "variant " + variant);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String arch = p.currentName();
                expectObject(p, "arch " + arch);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String srpm = p.currentName();
                    expectObject(p, "srpm " + srpm);
                    Nevra srpmNevra = nevra(srpm);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String rpm = p.currentName();
                        p.nextToken();
                        JsonNode data = p.readValueAsTree();
                        add(variant, arch, srpm, srpmNevra, nevra(rpm), data);
                    }
                }
            }
        }
    }

    private static void expectObject(JsonParser p, String what) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) throw ComposeInfo.parseError("rpms manifest: " + what + " is not an object");
    }

    private static Nevra nevra(String text) {
        try {
            return Nevra.parse(text);
        } catch (IllegalArgumentException e) {
            throw ComposeInfo.parseError("rpms manifest: " + e.getMessage());
        }
    }

    private void add(String variant, String arch, String srpmKey, Nevra srpm, Nevra rpm, JsonNode data) {
        if (data == null || !data.isObject() || !data.path("path").isTextual() || !data.path("category").isTextual()) {
            throw ComposeInfo.parseError("rpms manifest: entry " + rpm.text() + " needs path and category");
        }
        java.util.List<String> dirFile = ComposeStore.splitPath(data.get("path").asText());
        JsonNode sig = data.get("sigkey");
        try {
            Tx.bind(insert, importId, variant, arch, srpmKey, rpm.name(), rpm.epoch(), rpm.version(), rpm.release(), rpm.arch(),
                    srpm.name(), dirFile.get(1), dirFile.get(0), sig == null || sig.isNull() ? null : sig.asText(),
                    data.get("category").asText());
            insert.addBatch();
            staged++;
            if (++pending >= BATCH) flush();
        } catch (SQLException e) {
            throw new DbException(e);
        }
    }

    private void flush() {
        if (pending == 0) return;
        try {
            insert.executeBatch();
            pending = 0;
        } catch (SQLException e) {
            throw new DbException(e);
        }
    }

    @Override
    public void close() {
        try {
            insert.close();
        } catch (SQLException ignored) {
            // closing a statement of a transaction that is being rolled back
        }
    }
}
