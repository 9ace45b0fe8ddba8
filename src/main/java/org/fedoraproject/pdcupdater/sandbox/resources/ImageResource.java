package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.api.Filter;
import org.fedoraproject.pdcupdater.sandbox.api.ListSpec;
import org.fedoraproject.pdcupdater.sandbox.api.Resource;
import org.fedoraproject.pdcupdater.sandbox.api.SqlWhere;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;
import org.fedoraproject.pdcupdater.sandbox.http.Json;

import java.util.List;
import java.util.Map;

/** images/ (pdc-api.md 2.18): read-only list of images created by compose-images imports. */
public final class ImageResource extends Resource {
    private static final String FROM = "images i JOIN image_formats f ON f.id = i.image_format_pk JOIN image_types t ON t.id = i.image_type_pk";

    private final ListSpec spec = new ListSpec(FROM, "i.id")
            .multi("file_name", "i.file_name").multi("image_format", "f.name").multi("image_type", "t.name")
            .multi("arch", "i.arch").multi("implant_md5", "i.implant_md5").multi("volume_id", "i.volume_id")
            .multi("md5", "i.md5").multi("sha1", "i.sha1").multi("sha256", "i.sha256").multi("subvariant", "i.subvariant")
            .filter("disc_number", Filter.ints("disc_number", "i.disc_number"))
            .filter("disc_count", Filter.ints("disc_count", "i.disc_count"))
            .filter("mtime", Filter.ints("mtime", "i.mtime")).filter("size", Filter.ints("size", "i.size"))
            .bool("bootable", "i.bootable")
            .filter("compose", (v, w) -> {
                SqlWhere sub = new SqlWhere().in("c.compose_id", v);
                w.add("EXISTS (SELECT 1 FROM compose_images ci JOIN variant_arches va ON va.id = ci.variant_arch_pk "
                        + "JOIN variants vv ON vv.id = va.variant_pk JOIN composes c ON c.id = vv.compose_pk"
                        + sub.sql() + " AND ci.image_pk = i.id)", sub.args().toArray());
            })
            .order("id", "i.id").order("file_name", "i.file_name").order("arch", "i.arch").order("size", "i.size")
            .order("mtime", "i.mtime");

    @Override
    public String path() {
        return "images/";
    }

    @Override
    public String model() {
        return "image";
    }

    @Override
    public List<String> outputFields() {
        return List.of("file_name", "image_format", "image_type", "disc_number", "disc_count", "arch", "mtime", "size",
                "bootable", "implant_md5", "volume_id", "md5", "sha1", "sha256", "subvariant", "composes");
    }

    @Override
    public ListSpec listSpec() {
        return spec;
    }

    @Override
    public boolean hasDetail() {
        return false;
    }

    @Override
    public List<ObjectNode> render(Tx tx, List<Long> pks, ApiRequest req) {
        Map<Long, List<String>> composes = Rows.grouped(tx, "SELECT DISTINCT ci.image_pk, c.compose_id FROM compose_images ci "
                + "JOIN variant_arches va ON va.id = ci.variant_arch_pk JOIN variants vv ON vv.id = va.variant_pk "
                + "JOIN composes c ON c.id = vv.compose_pk WHERE ci.image_pk IN (%s) ORDER BY c.compose_id", pks, rs -> rs.getString(2));
        return Rows.byPk(tx, "SELECT i.*, f.name AS fmt, t.name AS typ FROM " + FROM + " WHERE i.id IN (%s)", pks, rs -> {
            ObjectNode o = Json.obj();
            o.put("file_name", rs.getString("file_name"));
            o.put("image_format", rs.getString("fmt"));
            o.put("image_type", rs.getString("typ"));
            o.put("disc_number", rs.getInt("disc_number"));
            o.put("disc_count", rs.getInt("disc_count"));
            o.put("arch", rs.getString("arch"));
            o.put("mtime", rs.getLong("mtime"));
            o.put("size", rs.getLong("size"));
            o.put("bootable", rs.getBoolean("bootable"));
            Rows.putNullable(o, "implant_md5", rs.getString("implant_md5"));
            Rows.putNullable(o, "volume_id", rs.getString("volume_id"));
            Rows.putNullable(o, "md5", rs.getString("md5"));
            Rows.putNullable(o, "sha1", rs.getString("sha1"));
            o.put("sha256", rs.getString("sha256"));
            Rows.putNullable(o, "subvariant", rs.getString("subvariant"));
            o.set("composes", Json.arr(composes.getOrDefault(rs.getLong("id"), List.of())));
            return o;
        });
    }
}
