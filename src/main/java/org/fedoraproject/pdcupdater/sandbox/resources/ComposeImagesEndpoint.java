package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.api.BodyCheck;
import org.fedoraproject.pdcupdater.sandbox.db.ChangesetRecorder;
import org.fedoraproject.pdcupdater.sandbox.db.Database;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ApiException;
import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;
import org.fedoraproject.pdcupdater.sandbox.http.ApiResponse;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;
import org.fedoraproject.pdcupdater.sandbox.http.Json;

import java.util.List;
import java.util.Map;

/**
 * compose-images/ (pdc-api.md 2.21). POST imports {release_id, composeinfo, image_manifest}; images are
 * get-or-created by (file_name, sha256) and linked to the compose's variant/arch with their directory.
 * Image manifests are small, so the body is read as a tree. GET {compose_id}/ rebuilds the manifest.
 */
public final class ComposeImagesEndpoint extends ComposeManifestEndpoint {
    private static final List<String> KEYS = List.of("release_id", "composeinfo", "image_manifest");

    public ComposeImagesEndpoint(Database db, ComposeResource composes) {
        super(db, composes);
    }

    @Override
    public String basePath() {
        return "compose-images/";
    }

    @Override
    String manifestType() {
        return "productmd.images";
    }

    @Override
    String payloadKey() {
        return "images";
    }

    @Override
    ApiResponse importManifest(Tx tx, ApiRequest req, ChangesetRecorder changes) {
        ObjectNode body = BodyCheck.requireObject(req.json());
        ObjectNode errors = Json.obj();
        for (String k : KEYS) if (!body.has(k)) errors.set(k, Json.arr(List.of("This field is required")));
        body.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) errors.set(k, Json.arr(List.of("This field is illegal")));
        });
        if (!errors.isEmpty()) throw new ApiException(400, errors);
        return importImages(tx, req, body, changes);
    }

    private ApiResponse importImages(Tx tx, ApiRequest req, ObjectNode body, ChangesetRecorder changes) {
        long releasePk = ComposeStore.release(tx, body.get("release_id").asText());
        ComposeInfo ci = ComposeInfo.parse(body.get("composeinfo"));
        JsonNode manifest = body.get("image_manifest");
        JsonNode mc = ComposeInfo.composeOf(manifest, "image_manifest");
        if (!ci.id().equals(mc.get("id").asText())) {
            throw ErrorBodies.badRequestList("Inconsistent data: different compose id in composeinfo and images file.");
        }
        JsonNode images = manifest.path("payload").path("images");
        if (!images.isObject()) throw ComposeInfo.parseError("image_manifest: missing payload.images");
        long composePk = store.compose(tx, releasePk, ci, false, changes, req);
        Map<String, Long> variantArches = store.variantArches(tx, composePk, ci);
        long imported = 0;
        for (ComposeInfo.Variant v : ci.variants()) {
            for (String arch : v.arches()) {
                long va = variantArches.get(v.uid() + "/" + arch);
                for (JsonNode im : images.path(v.uid()).path(arch)) {
                    if (!im.path("path").isTextual() || !im.path("checksums").path("sha256").isTextual()) {
                        throw ComposeInfo.parseError("image_manifest: image without path or sha256 in " + v.uid() + "." + arch);
                    }
                    List<String> dirFile = ComposeStore.splitPath(im.get("path").asText());
                    long pathPk = ComposeStore.path(tx, dirFile.get(0));
                    long imagePk = image(tx, dirFile.get(1), im);
                    if (!tx.exists("SELECT 1 FROM compose_images WHERE variant_arch_pk = ? AND image_pk = ? AND path_pk = ?",
                            va, imagePk, pathPk)) {
                        tx.update("INSERT INTO compose_images (variant_arch_pk, image_pk, path_pk) VALUES (?, ?, ?)", va, imagePk, pathPk);
                    }
                    imported++;
                }
            }
        }
        changes.notice(Json.obj().put("compose", ci.id()).put("num_linked_images", imported));
        return imported(ci.id(), "images", imported);
    }

    /** Get-or-create by (file_name, sha256); format and type must be known (there is no API to add them). */
    private static long image(Tx tx, String fileName, JsonNode im) {
        JsonNode sums = im.get("checksums");
        String sha256 = sums.get("sha256").asText();
        Long pk = tx.longValue("SELECT id FROM images WHERE file_name = ? AND sha256 = ?", fileName, sha256);
        if (pk != null) return pk;
        long format = ComposeStore.lookup(tx, "image_formats", "ImageFormat", im.path("format").asText());
        long type = ComposeStore.lookup(tx, "image_types", "ImageType", im.path("type").asText());
        return tx.insert("INSERT INTO images (file_name, image_format_pk, image_type_pk, disc_number, disc_count, arch, mtime, size, "
                        + "bootable, implant_md5, volume_id, md5, sha1, sha256, subvariant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                fileName, format, type, im.path("disc_number").asInt(1), im.path("disc_count").asInt(1), im.path("arch").asText(),
                im.path("mtime").asLong(), im.path("size").asLong(), im.path("bootable").asBoolean(false),
                text(im.get("implant_md5")), text(im.get("volume_id")), text(sums.get("md5")), text(sums.get("sha1")), sha256,
                text(im.get("subvariant")));
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    @Override
    JsonNode exportPayload(Tx tx, long composePk) {
        ObjectNode images = Json.obj();
        tx.list("SELECT v.variant_uid, a.name, i.*, f.name AS fmt, t.name AS typ, pa.path FROM compose_images ci "
                + "JOIN variant_arches va ON va.id = ci.variant_arch_pk JOIN variants v ON v.id = va.variant_pk "
                + "JOIN arches a ON a.id = va.arch_pk JOIN images i ON i.id = ci.image_pk JOIN image_formats f ON f.id = i.image_format_pk "
                + "JOIN image_types t ON t.id = i.image_type_pk JOIN paths pa ON pa.id = ci.path_pk "
                + "WHERE v.compose_pk = ? ORDER BY v.variant_uid, a.name, i.id", rs -> {
            ObjectNode im = Json.obj();
            im.put("arch", rs.getString("arch"));
            im.put("bootable", rs.getBoolean("bootable"));
            ObjectNode sums = Json.obj();
            if (rs.getString("md5") != null) sums.put("md5", rs.getString("md5"));
            if (rs.getString("sha1") != null) sums.put("sha1", rs.getString("sha1"));
            sums.put("sha256", rs.getString("sha256"));
            im.set("checksums", sums);
            im.put("disc_count", rs.getInt("disc_count"));
            im.put("disc_number", rs.getInt("disc_number"));
            im.put("format", rs.getString("fmt"));
            Rows.putNullable(im, "implant_md5", rs.getString("implant_md5"));
            im.put("mtime", rs.getLong("mtime"));
            String dir = rs.getString("path");
            im.put("path", dir.isEmpty() ? rs.getString("file_name") : dir + "/" + rs.getString("file_name"));
            im.put("size", rs.getLong("size"));
            Rows.putNullable(im, "subvariant", rs.getString("subvariant"));
            im.put("type", rs.getString("typ"));
            Rows.putNullable(im, "volume_id", rs.getString("volume_id"));
            images.with(rs.getString(1)).withArray(rs.getString(2)).add(im);
            return null;
        }, composePk);
        return images;
    }
}
