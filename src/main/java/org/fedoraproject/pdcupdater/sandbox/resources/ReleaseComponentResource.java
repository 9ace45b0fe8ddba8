package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.api.BodyCheck;
import org.fedoraproject.pdcupdater.sandbox.api.Filter;
import org.fedoraproject.pdcupdater.sandbox.api.ListSpec;
import org.fedoraproject.pdcupdater.sandbox.api.Resource;
import org.fedoraproject.pdcupdater.sandbox.api.SqlWhere;
import org.fedoraproject.pdcupdater.sandbox.api.WriteContext;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;
import org.fedoraproject.pdcupdater.sandbox.http.Json;

import java.util.List;
import java.util.Set;

/**
 * release-components/ (pdc-api.md 2.7): {@code release} is a string on input and an object on output; rows
 * of inactive releases are invisible (list, detail and writes) unless {@code include_inactive_release} is in
 * the query string with any value (errata 4); dist_git_branch falls back to the release's branch.
 */
public final class ReleaseComponentResource extends Resource {
    static final String FROM = "release_components c JOIN releases r ON r.id = c.release_pk "
            + "JOIN global_components g ON g.id = c.global_component_pk JOIN release_component_types t ON t.id = c.type_pk";
    private static final Set<String> CREATE_KEYS = Set.of("release", "global_component", "name", "type",
            "dist_git_branch", "brew_package", "active", "bugzilla_component", "srpm");
    private static final Set<String> UPDATE_KEYS = Set.of("global_component", "name", "type",
            "dist_git_branch", "brew_package", "active", "bugzilla_component", "srpm");
    private static final Set<String> READ_ONLY = Set.of("id", "dist_git_web_url");

    private final ListSpec spec = new ListSpec(FROM, "c.id")
            .multi("name", "c.name").multi("release", "r.release_id").multi("global_component", "g.name")
            .filter("bugzilla_component", (v, w) -> {
                SqlWhere sub = new SqlWhere().in("bc.name", v);
                w.add("EXISTS (SELECT 1 FROM bugzilla_components bc" + sub.sql() + " AND bc.id = c.bugzilla_component_pk)",
                        sub.args().toArray());
            })
            .multi("brew_package", "c.brew_package")
            .multi("dist_git_branch", "COALESCE(c.dist_git_branch, r.dist_git_branch)")
            .bool("active", "c.active").filter("type", Filter.exact("t.name"))
            .nullable("srpm_name", "c.srpm_name")
            .filter("include_inactive_release", (v, w) -> { })
            .order("id", "c.id").order("name", "c.name").order("release", "r.release_id")
            .order("global_component", "g.name").order("type", "t.name").order("active", "c.active")
            .order("dist_git_branch", "c.dist_git_branch").order("brew_package", "c.brew_package")
            .order("srpm_name", "c.srpm_name");

    @Override
    public String path() {
        return "release-components/";
    }

    @Override
    public String model() {
        return "releasecomponent";
    }

    @Override
    public List<String> outputFields() {
        return List.of("id", "release", "bugzilla_component", "brew_package", "global_component", "name",
                "dist_git_branch", "dist_git_web_url", "active", "type", "srpm");
    }

    @Override
    public ListSpec listSpec() {
        return spec;
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
    public boolean canDelete() {
        return true;
    }

    @Override
    public void scope(ApiRequest req, SqlWhere where) {
        if (req == null || !req.query().has("include_inactive_release")) where.add("r.active = TRUE");
    }

    @Override
    public List<ObjectNode> render(Tx tx, List<Long> pks, ApiRequest req) {
        return Rows.byPk(tx, "SELECT c.id, c.name, c.dist_git_branch, c.brew_package, c.active, c.srpm_name, "
                + "c.bugzilla_component_pk, r.release_id, r.active AS ractive, r.dist_git_branch AS rbranch, "
                + "g.name AS gname, g.dist_git_path, t.name AS tname FROM " + FROM + " WHERE c.id IN (%s)", pks, rs -> {
            ObjectNode o = Json.obj();
            o.put("id", rs.getLong("id"));
            ObjectNode rel = Json.obj();
            rel.put("release_id", rs.getString("release_id"));
            rel.put("active", rs.getBoolean("ractive"));
            o.set("release", rel);
            long bz = rs.getLong("bugzilla_component_pk");
            if (rs.wasNull()) o.putNull("bugzilla_component");
            else o.set("bugzilla_component", BugzillaTree.render(tx, bz));
            Rows.putNullable(o, "brew_package", rs.getString("brew_package"));
            o.put("global_component", rs.getString("gname"));
            o.put("name", rs.getString("name"));
            String branch = rs.getString("dist_git_branch");
            if (branch == null) branch = rs.getString("rbranch");
            Rows.putNullable(o, "dist_git_branch", branch);
            String p = rs.getString("dist_git_path");
            String url = GlobalComponentResource.DIST_GIT_WEB + (p == null || p.isEmpty() ? rs.getString("gname") : p) + ".git";
            o.put("dist_git_web_url", branch == null ? url : url + "/?h=" + branch);
            o.put("active", rs.getBoolean("active"));
            o.put("type", rs.getString("tname"));
            String srpm = rs.getString("srpm_name");
            if (srpm == null) o.putNull("srpm");
            else o.set("srpm", Json.obj().put("name", srpm));
            return o;
        });
    }

    /** PDC's export logs the component's own branch, not the inherited one. */
    @Override
    public JsonNode export(Tx tx, long pk, ApiRequest req) {
        return tx.one("SELECT c.name, c.dist_git_branch, c.brew_package, c.active, t.name, r.release_id, g.name, "
                + "c.bugzilla_component_pk FROM " + FROM + " WHERE c.id = ?", rs -> {
            ObjectNode o = Json.obj();
            o.put("name", rs.getString(1));
            Rows.putNullable(o, "dist_git_branch", rs.getString(2));
            Rows.putNullable(o, "brew_package", rs.getString(3));
            o.put("active", rs.getBoolean(4));
            o.put("type", rs.getString(5));
            o.put("release", rs.getString(6));
            o.put("global_component", rs.getString(7));
            long bz = rs.getLong(8);
            if (rs.wasNull()) o.putNull("bugzilla_component");
            else o.put("bugzilla_component", Refs.name(tx, "bugzilla_components", "name", bz) + " (id:" + bz + ")");
            return o;
        }, pk);
    }

    private record Row(long releasePk, long gcPk, String name, long typePk, String branch, String brew, boolean active,
                       Long bzPk, String srpm) {
    }

    private Row current(Tx tx, long pk) {
        return tx.one("SELECT release_pk, global_component_pk, name, type_pk, dist_git_branch, brew_package, active, "
                + "bugzilla_component_pk, srpm_name FROM release_components WHERE id = ?", rs -> new Row(rs.getLong(1),
                rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6), rs.getBoolean(7),
                rs.getObject(8) == null ? null : rs.getLong(8), rs.getString(9)), pk);
    }

    private Row validate(Tx tx, BodyCheck b, Row cur, long selfPk) {
        boolean create = cur == null;
        boolean keep = b.partial();
        Long releasePk = create ? null : cur.releasePk;
        if (create) {
            String release = b.requiredString("release", 200);
            if (release != null) {
                Object[] r = tx.one("SELECT id, active FROM releases WHERE release_id = ?",
                        rs -> new Object[]{rs.getLong(1), rs.getBoolean(2)}, release);
                if (r == null) b.error("release", "Object with release_id=" + release + " does not exist.");
                else if (!(Boolean) r[1]) b.error("release", "Can not create a release component with an inactive release.");
                else releasePk = (Long) r[0];
            }
        }
        Long gcPk;
        if (!b.has("global_component") && !create) {
            gcPk = cur.gcPk; // optional on PUT: keeps the current one
        } else {
            gcPk = Refs.slug(tx, b, "global_component", "global_components", "name", b.requiredString("global_component", 200));
        }
        String name = keep && !b.has("name") ? cur.name : b.requiredString("name", 200);
        Long typePk;
        if (b.has("type")) {
            typePk = Refs.choice(tx, b, "type", "release_component_types", "name", b.requiredString("type", 100));
        } else {
            typePk = keep ? cur.typePk : tx.longValue("SELECT id FROM release_component_types WHERE name = 'rpm'");
        }
        String branch = keep && !b.has("dist_git_branch") ? cur.branch : b.string("dist_git_branch", false, false, false, 300);
        String brew = keep && !b.has("brew_package") ? cur.brew : b.string("brew_package", false, false, false, 200);
        Boolean active = keep && !b.has("active") ? (Boolean) cur.active : b.bool("active", false);
        Long bzPk = keep && !b.has("bugzilla_component") ? cur.bzPk : null;
        if (b.has("bugzilla_component") && !b.raw("bugzilla_component").isNull()) {
            String path = b.raw("bugzilla_component").asText();
            bzPk = path.isEmpty() ? null : BugzillaTree.find(tx, path);
            if (bzPk == null) b.error("bugzilla_component", "Object with name=" + path + " does not exist.");
        }
        String srpm = keep && !b.has("srpm") ? cur.srpm : null;
        if (b.has("srpm") && !b.raw("srpm").isNull()) {
            JsonNode s = b.raw("srpm");
            if (!s.isObject() || s.path("name").asText("").isBlank()) {
                b.errorNode("srpm", Json.obj().set("name", Json.arr(List.of("This field is required."))));
            } else {
                srpm = s.get("name").asText();
            }
        }
        b.done();
        if (tx.exists("SELECT 1 FROM release_components WHERE release_pk = ? AND name = ? AND type_pk = ? AND id <> ?",
                releasePk, name, typePk, selfPk)) {
            throw ErrorBodies.badRequestList("The fields release, name, type must make a unique set.");
        }
        return new Row(releasePk, gcPk, name, typePk, branch, brew, active == null || active, bzPk, srpm);
    }

    @Override
    public long create(WriteContext ctx, JsonNode body) {
        Row v = validate(ctx.tx(), BodyCheck.of(body, false, CREATE_KEYS, READ_ONLY), null, -1L);
        return ctx.tx().insert("INSERT INTO release_components (release_pk, global_component_pk, name, type_pk, "
                        + "dist_git_branch, brew_package, active, bugzilla_component_pk, srpm_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                v.releasePk, v.gcPk, v.name, v.typePk, v.branch, v.brew, v.active, v.bzPk, v.srpm);
    }

    @Override
    public void update(WriteContext ctx, long pk, JsonNode body, boolean partial) {
        BodyCheck b = BodyCheck.of(body, partial, UPDATE_KEYS, READ_ONLY);
        Row v = validate(ctx.tx(), b, current(ctx.tx(), pk), pk);
        ctx.tx().update("UPDATE release_components SET global_component_pk = ?, name = ?, type_pk = ?, dist_git_branch = ?, "
                        + "brew_package = ?, active = ?, bugzilla_component_pk = ?, srpm_name = ? WHERE id = ?",
                v.gcPk, v.name, v.typePk, v.branch, v.brew, v.active, v.bzPk, v.srpm, pk);
    }

    @Override
    public void delete(WriteContext ctx, long pk) {
        ctx.tx().update("DELETE FROM release_components WHERE id = ?", pk);
    }
}
