package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.api.BodyCheck;
import org.fedoraproject.pdcupdater.sandbox.api.Filter;
import org.fedoraproject.pdcupdater.sandbox.api.ListSpec;
import org.fedoraproject.pdcupdater.sandbox.api.Resource;
import org.fedoraproject.pdcupdater.sandbox.api.WriteContext;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ApiException;
import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;
import org.fedoraproject.pdcupdater.sandbox.http.Json;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * releases/ (pdc-api.md 2.4). {@code release_id} is computed from short, version, type and base product and
 * rewritten whenever those change; default order is short then numeric version, via a padded sort column.
 * There is no base-product / product-version API in the sandbox, so those references only accept null.
 */
public final class ReleaseResource extends Resource {
    static final List<String> FIELDS = List.of("release_id", "short", "version", "name", "base_product", "active",
            "product_version", "release_type", "compose_set", "integrated_with", "sigkey", "allow_buildroot_push",
            "allowed_debuginfo_services", "allowed_push_targets", "bugzilla", "dist_git");
    private static final Set<String> WRITABLE = Set.of("short", "version", "name", "base_product", "active",
            "product_version", "release_type", "integrated_with", "sigkey", "allow_buildroot_push",
            "allowed_debuginfo_services", "allowed_push_targets", "bugzilla", "dist_git");
    private static final Set<String> READ_ONLY = Set.of("release_id", "compose_set");
    private static final Pattern SHORT = Pattern.compile("^[a-z]+([a-z0-9]*-?[a-z0-9]+)*$");
    private static final Pattern VERSION = Pattern.compile("^([^0-9].*|([0-9]+(\\.?[0-9]+)*))$");

    private final ListSpec spec = new ListSpec("releases r JOIN release_types rt ON rt.id = r.release_type_id", "r.id")
            .multi("release_id", "r.release_id").multi("name", "r.name").multi("short", "r.short")
            .multi("version", "r.version").multi("release_type", "rt.short")
            .multi("base_product", "r.base_product").multi("product_version", "r.product_version")
            .multi("sigkey", "r.sigkey")
            .filter("allowed_debuginfo_services", jsonListContains("r.allowed_debuginfo_services"))
            .filter("allowed_push_targets", jsonListContains("r.allowed_push_targets"))
            .bool("active", "r.active").bool("allow_buildroot_push", "r.allow_buildroot_push")
            .filter("has_base_product", (v, w) -> {
                String s = v.get(v.size() - 1);
                if (s.equals("True")) w.add("r.base_product IS NOT NULL");
                else if (s.equals("False")) w.add("r.base_product IS NULL");
            })
            .nullable("integrated_with", "r.integrated_with").nullable("bugzilla_product", "r.bugzilla_product")
            .nullable("dist_git_branch", "r.dist_git_branch")
            .order("release_id", "r.release_id").order("short", "r.short").order("version", "r.version_sort")
            .order("name", "r.name").order("active", "r.active").order("release_type", "rt.short")
            .order("base_product", "r.base_product").order("product_version", "r.product_version")
            .order("id", "r.id").order("integrated_with", "r.integrated_with").order("sigkey", "r.sigkey")
            .order("allow_buildroot_push", "r.allow_buildroot_push")
            .defaultOrder("r.short", "r.version_sort");

    private static Filter jsonListContains(String expr) {
        return (values, w) -> {
            StringBuilder sb = new StringBuilder("(");
            Object[] args = new Object[values.size()];
            for (int i = 0; i < values.size(); i++) {
                sb.append(i == 0 ? "" : " OR ").append(expr).append(" LIKE ? ESCAPE '\\'");
                args[i] = "%" + Filter.likeEscape(Json.write(Json.F.textNode(values.get(i)))) + "%";
            }
            w.add(sb.append(')').toString(), args);
        };
    }

    @Override
    public String path() {
        return "releases/";
    }

    @Override
    public String model() {
        return "release";
    }

    @Override
    public List<String> outputFields() {
        return FIELDS;
    }

    @Override
    public ListSpec listSpec() {
        return spec;
    }

    @Override
    protected String keyExpr() {
        return "r.release_id";
    }

    @Override
    protected boolean numericKey() {
        return false;
    }

    @Override
    public Object changeId(long pk) {
        return pk;
    }

    @Override
    public boolean canCreate() {
        return true;
    }

    @Override
    public boolean canUpdate() {
        return true;
    }

    @Override
    public List<ObjectNode> render(Tx tx, List<Long> pks, ApiRequest req) {
        Map<Long, List<String>> composes = Rows.grouped(tx,
                "SELECT x.rel, x.compose_id FROM (SELECT c.release_pk AS rel, c.compose_id, c.compose_date, c.id FROM composes c WHERE "
                        + PendingImports.visible("c") + " UNION SELECT l.release_pk, c.compose_id, c.compose_date, c.id "
                        + "FROM compose_linked_releases l JOIN composes c ON c.id = l.compose_pk WHERE " + PendingImports.visible("c")
                        + ") x WHERE x.rel IN (%s) ORDER BY x.compose_date, x.id",
                pks, rs -> rs.getString(2));
        return Rows.byPk(tx, "SELECT r.*, rt.short AS type_short FROM releases r "
                + "JOIN release_types rt ON rt.id = r.release_type_id WHERE r.id IN (%s)", pks, rs -> {
            ObjectNode o = Json.obj();
            o.put("release_id", rs.getString("release_id"));
            o.put("short", rs.getString("short"));
            o.put("version", rs.getString("version"));
            o.put("name", rs.getString("name"));
            Rows.putNullable(o, "base_product", rs.getString("base_product"));
            o.put("active", rs.getBoolean("active"));
            Rows.putNullable(o, "product_version", rs.getString("product_version"));
            o.put("release_type", rs.getString("type_short"));
            o.set("compose_set", Json.arr(composes.getOrDefault(rs.getLong("id"), List.of())));
            Rows.putNullable(o, "integrated_with", rs.getString("integrated_with"));
            Rows.putNullable(o, "sigkey", rs.getString("sigkey"));
            o.put("allow_buildroot_push", rs.getBoolean("allow_buildroot_push"));
            o.set("allowed_debuginfo_services", Json.parse(rs.getString("allowed_debuginfo_services")));
            o.set("allowed_push_targets", Json.parse(rs.getString("allowed_push_targets")));
            String bz = rs.getString("bugzilla_product");
            if (bz == null) o.putNull("bugzilla");
            else o.set("bugzilla", Json.obj().put("product", bz));
            String dg = rs.getString("dist_git_branch");
            if (dg == null) o.putNull("dist_git");
            else o.set("dist_git", Json.obj().put("branch", dg));
            return o;
        });
    }

    /** Values of a release row, as validated from a body merged over the current state. */
    private record Values(String shortName, String version, String name, long typePk, String typeShort,
                          String baseProduct, String productVersion, boolean active, String integratedWith,
                          String sigkey, boolean allowBuildrootPush, List<String> debuginfo,
                          List<String> pushTargets, String bugzilla, String distGit) {
    }

    @Override
    public long create(WriteContext ctx, JsonNode body) {
        Values v = validate(ctx.tx(), BodyCheck.of(body, false, WRITABLE, READ_ONLY), null);
        String releaseId = releaseId(v);
        if (ctx.tx().exists("SELECT 1 FROM releases WHERE release_id = ?", releaseId)) throw duplicate(v);
        return ctx.tx().insert("INSERT INTO releases (release_id, short, version, version_sort, name, release_type_id, "
                        + "base_product, product_version, active, integrated_with, sigkey, allow_buildroot_push, "
                        + "allowed_debuginfo_services, allowed_push_targets, bugzilla_product, dist_git_branch) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                releaseId, v.shortName, v.version, versionSort(v.version), v.name, v.typePk, v.baseProduct,
                v.productVersion, v.active, v.integratedWith, v.sigkey, v.allowBuildrootPush,
                Json.write(Json.arr(v.debuginfo)), Json.write(Json.arr(v.pushTargets)), v.bugzilla, v.distGit);
    }

    @Override
    public void update(WriteContext ctx, long pk, JsonNode body, boolean partial) {
        Values v = validate(ctx.tx(), BodyCheck.of(body, partial, WRITABLE, READ_ONLY), pk);
        String releaseId = releaseId(v);
        if (ctx.tx().exists("SELECT 1 FROM releases WHERE release_id = ? AND id <> ?", releaseId, pk)) throw duplicate(v);
        ctx.tx().update("UPDATE releases SET release_id = ?, short = ?, version = ?, version_sort = ?, name = ?, "
                        + "release_type_id = ?, base_product = ?, product_version = ?, active = ?, integrated_with = ?, "
                        + "sigkey = ?, allow_buildroot_push = ?, allowed_debuginfo_services = ?, allowed_push_targets = ?, "
                        + "bugzilla_product = ?, dist_git_branch = ? WHERE id = ?",
                releaseId, v.shortName, v.version, versionSort(v.version), v.name, v.typePk, v.baseProduct,
                v.productVersion, v.active, v.integratedWith, v.sigkey, v.allowBuildrootPush,
                Json.write(Json.arr(v.debuginfo)), Json.write(Json.arr(v.pushTargets)), v.bugzilla, v.distGit, pk);
    }

    private static ApiException duplicate(Values v) {
        // With a base product DRF's unique-together check fires; without one (null) Django's full_clean does.
        if (v.baseProduct != null) {
            return ErrorBodies.badRequestList("The fields short, version, release_type, base_product must make a unique set.");
        }
        return ErrorBodies.badRequestList("Release with this Release id already exists.");
    }

    private Values validate(Tx tx, BodyCheck b, Long pk) {
        ObjectNode cur = pk == null ? null : render(tx, List.of(pk), null).get(0);
        boolean patch = b.partial();
        String shortName = patchOr(b, "short", cur, patch, () -> {
            String s = b.requiredString("short", 200);
            if (s != null && !SHORT.matcher(s).matches()) b.error("short", "Only accept lowercase letters, numbers or -");
            return s;
        });
        String version = patchOr(b, "version", cur, patch, () -> {
            String s = b.requiredString("version", 200);
            if (s != null && !VERSION.matcher(s).matches()) b.error("version", "Only accept comma separated numbers or any text");
            return s;
        });
        String name = patchOr(b, "name", cur, patch, () -> b.requiredString("name", 255));
        String typeShort = patchOr(b, "release_type", cur, patch, () -> b.requiredString("release_type", 255));
        Long typePk = typeShort == null ? null
                : b.has("release_type") ? Refs.choice(tx, b, "release_type", "release_types", "short", typeShort)
                : tx.longValue("SELECT id FROM release_types WHERE short = ?", typeShort);
        String baseProduct = patchOr(b, "base_product", cur, patch, () -> {
            String s = b.string("base_product", false, true, true, 200);
            if (s != null) b.error("base_product", "Object with base_product_id=" + s + " does not exist.");
            return s;
        });
        String productVersion = patchOr(b, "product_version", cur, patch, () -> {
            String s = b.string("product_version", false, true, true, 200);
            if (s != null) b.error("product_version", "Object with product_version_id=" + s + " does not exist.");
            return s;
        });
        Boolean active = patch && !b.has("active") ? (Boolean) cur.get("active").booleanValue() : b.bool("active", false);
        String integratedWith = patchOr(b, "integrated_with", cur, patch, () -> {
            String s = b.string("integrated_with", false, true, true, 200);
            if (s != null && !tx.exists("SELECT 1 FROM releases WHERE release_id = ?", s)) {
                b.error("integrated_with", "Object with release_id=" + s + " does not exist.");
            }
            return s;
        });
        String sigkey = patchOr(b, "sigkey", cur, patch, () -> {
            String s = b.string("sigkey", false, true, true, 20);
            if (s != null) Refs.slug(tx, b, "sigkey", "sigkeys", "key_id", s);
            return s;
        });
        Boolean push = patch && !b.has("allow_buildroot_push") ? (Boolean) cur.get("allow_buildroot_push").booleanValue()
                : b.bool("allow_buildroot_push", false);
        List<String> debuginfo = listOr(b, "allowed_debuginfo_services", cur, patch);
        List<String> targets = listOr(b, "allowed_push_targets", cur, patch);
        String bugzilla = patch && !b.has("bugzilla") ? text(cur.get("bugzilla"), "product")
                : mapping(b, "bugzilla", "product");
        String distGit = patch && !b.has("dist_git") ? text(cur.get("dist_git"), "branch")
                : mapping(b, "dist_git", "branch");
        b.done();
        return new Values(shortName, version, name, typePk, typeShort, baseProduct, productVersion,
                active == null || active, integratedWith, sigkey, push != null && push, debuginfo, targets,
                bugzilla, distGit);
    }

    private static String patchOr(BodyCheck b, String f, ObjectNode cur, boolean patch, java.util.function.Supplier<String> read) {
        if (patch && !b.has(f)) {
            JsonNode n = cur.get(f);
            return n == null || n.isNull() ? null : n.asText();
        }
        return read.get();
    }

    private static List<String> listOr(BodyCheck b, String f, ObjectNode cur, boolean patch) {
        if (patch && !b.has(f)) {
            List<String> l = new java.util.ArrayList<>();
            cur.get(f).forEach(n -> l.add(n.asText()));
            return l;
        }
        List<String> l = b.stringList(f, false);
        return l == null ? List.of() : l;
    }

    private static String text(JsonNode mapping, String key) {
        return mapping == null || mapping.isNull() ? null : mapping.path(key).asText(null);
    }

    /** {@code {"product": "x"}} / {@code {"branch": "y"}} or null; nested errors keep their nesting. */
    private static String mapping(BodyCheck b, String f, String key) {
        if (!b.has(f)) return null;
        JsonNode n = b.raw(f);
        if (n.isNull()) return null;
        if (!n.isObject()) {
            b.errorNode(f, Json.obj().set("non_field_errors",
                    Json.arr(List.of("Invalid data. Expected a dictionary, but got " + Json.pyType(n) + "."))));
            return null;
        }
        JsonNode v = n.get(key);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            b.errorNode(f, Json.obj().set(key, Json.arr(List.of(v == null ? "This field is required."
                    : v.isNull() ? "This field may not be null." : "This field may not be blank."))));
            return null;
        }
        return v.asText();
    }

    static String releaseId(Values v) {
        return releaseId(v.shortName, v.version, v.typeShort, v.baseProduct);
    }

    /** {@code short-version}, {@code -type} unless ga, {@code @base_product} when there is one. */
    public static String releaseId(String shortName, String version, String type, String baseProduct) {
        String id = shortName + "-" + version;
        if (type != null && !type.equals("ga")) id += "-" + type;
        if (baseProduct != null) id += "@" + baseProduct;
        return id;
    }

    /** Numeric version parts zero-padded so "9" sorts before "10"; text versions sort after numbers. */
    static String versionSort(String version) {
        StringBuilder sb = new StringBuilder();
        for (String part : version.split("\\.")) {
            if (!sb.isEmpty()) sb.append('.');
            if (!part.isEmpty() && part.chars().allMatch(Character::isDigit) && part.length() <= 12) {
                sb.append("0".repeat(12 - part.length())).append(part);
            } else {
                sb.append('~').append(part);
            }
        }
        return sb.toString();
    }
}
