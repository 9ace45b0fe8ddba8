package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.api.BodyCheck;
import org.fedoraproject.pdcupdater.sandbox.api.ListSpec;
import org.fedoraproject.pdcupdater.sandbox.api.Resource;
import org.fedoraproject.pdcupdater.sandbox.api.WriteContext;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;
import org.fedoraproject.pdcupdater.sandbox.http.Json;

import java.util.List;
import java.util.Set;

/**
 * global-components/ (pdc-api.md 2.5). Duplicate names answer shape 3 (model validation), because PDC's
 * serializer re-declares {@code name}. Labels have no API in the sandbox and are always empty.
 */
public final class GlobalComponentResource extends Resource {
    /** Where dist_git_web_url points; Fedora's dist-git web front end. */
    static final String DIST_GIT_WEB = "https://src.fedoraproject.org/cgit/rpms/";
    private static final Set<String> WRITABLE = Set.of("name", "dist_git_path", "upstream");
    private static final Set<String> READ_ONLY = Set.of("id", "labels", "dist_git_web_url");

    private final ListSpec spec = new ListSpec("global_components g", "g.id")
            .multi("name", "g.name").multi("dist_git_path", "g.dist_git_path")
            .filter("label", (v, w) -> w.add("1 = 0"))
            .multi("upstream_homepage", "g.upstream_homepage").multi("upstream_scm_type", "g.upstream_scm_type")
            .multi("upstream_scm_url", "g.upstream_scm_url")
            .order("id", "g.id").order("name", "g.name").order("dist_git_path", "g.dist_git_path");

    @Override
    public String path() {
        return "global-components/";
    }

    @Override
    public String model() {
        return "globalcomponent";
    }

    @Override
    public List<String> outputFields() {
        return List.of("id", "name", "dist_git_path", "dist_git_web_url", "labels", "upstream");
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
    public List<ObjectNode> render(Tx tx, List<Long> pks, ApiRequest req) {
        return Rows.byPk(tx, "SELECT * FROM global_components WHERE id IN (%s)", pks, rs -> {
            ObjectNode o = Json.obj();
            o.put("id", rs.getLong("id"));
            o.put("name", rs.getString("name"));
            Rows.putNullable(o, "dist_git_path", rs.getString("dist_git_path"));
            String p = rs.getString("dist_git_path");
            o.put("dist_git_web_url", DIST_GIT_WEB + (p == null || p.isEmpty() ? rs.getString("name") : p) + ".git");
            o.set("labels", Json.arr());
            if (rs.getString("upstream_homepage") == null) {
                o.putNull("upstream");
            } else {
                ObjectNode u = Json.obj();
                u.put("homepage", rs.getString("upstream_homepage"));
                u.put("scm_type", rs.getString("upstream_scm_type"));
                u.put("scm_url", rs.getString("upstream_scm_url"));
                o.set("upstream", u);
            }
            return o;
        });
    }

    @Override
    public JsonNode export(Tx tx, long pk, ApiRequest req) {
        ObjectNode o = render(tx, List.of(pk), req).get(0);
        o.remove(List.of("id", "dist_git_web_url"));
        return o;
    }

    private record Values(String name, String distGitPath, String[] upstream) {
    }

    private Values validate(Tx tx, BodyCheck b, Long pk) {
        ObjectNode cur = pk == null ? null : render(tx, List.of(pk), null).get(0);
        boolean patch = b.partial();
        String name = patch && !b.has("name") ? cur.get("name").asText() : b.requiredString("name", 200);
        String path = patch && !b.has("dist_git_path") ? (cur.get("dist_git_path").isNull() ? null : cur.get("dist_git_path").asText())
                : b.string("dist_git_path", false, false, true, 200);
        String[] upstream = null;
        if (patch && !b.has("upstream")) {
            JsonNode u = cur.get("upstream");
            if (!u.isNull()) upstream = new String[]{u.get("homepage").asText(), u.get("scm_type").asText(), u.get("scm_url").asText()};
        } else if (b.has("upstream") && !b.raw("upstream").isNull()) {
            JsonNode u = b.raw("upstream");
            ObjectNode errs = Json.obj();
            upstream = new String[3];
            String[] keys = {"homepage", "scm_type", "scm_url"};
            for (int i = 0; i < 3; i++) {
                JsonNode v = u.get(keys[i]);
                if (v == null || v.isNull() || v.asText().isBlank()) {
                    errs.set(keys[i], Json.arr(List.of(v == null ? "This field is required." : "This field may not be blank.")));
                } else if (!keys[i].equals("scm_type") && !v.asText().matches("(?i)^(https?|ftp|git|ssh)://.+")) {
                    errs.set(keys[i], Json.arr(List.of("Enter a valid URL.")));
                } else {
                    upstream[i] = v.asText();
                }
            }
            if (!errs.isEmpty()) b.errorNode("upstream", errs);
        }
        b.done();
        if (name != null && tx.exists("SELECT 1 FROM global_components WHERE name = ? AND id <> ?", name, pk == null ? -1L : pk)) {
            throw ErrorBodies.badRequestList("Global component with this Name already exists.");
        }
        return new Values(name, path, upstream);
    }

    @Override
    public long create(WriteContext ctx, JsonNode body) {
        Values v = validate(ctx.tx(), BodyCheck.of(body, false, WRITABLE, READ_ONLY), null);
        String[] u = v.upstream == null ? new String[3] : v.upstream;
        return ctx.tx().insert("INSERT INTO global_components (name, dist_git_path, upstream_homepage, upstream_scm_type, "
                + "upstream_scm_url) VALUES (?, ?, ?, ?, ?)", v.name, v.distGitPath, u[0], u[1], u[2]);
    }

    @Override
    public void update(WriteContext ctx, long pk, JsonNode body, boolean partial) {
        Values v = validate(ctx.tx(), BodyCheck.of(body, partial, WRITABLE, READ_ONLY), pk);
        String[] u = v.upstream == null ? new String[3] : v.upstream;
        ctx.tx().update("UPDATE global_components SET name = ?, dist_git_path = ?, upstream_homepage = ?, "
                + "upstream_scm_type = ?, upstream_scm_url = ? WHERE id = ?", v.name, v.distGitPath, u[0], u[1], u[2], pk);
    }

    @Override
    public void delete(WriteContext ctx, long pk) {
        Tx tx = ctx.tx();
        if (tx.exists("SELECT 1 FROM release_components WHERE global_component_pk = ?", pk)
                || tx.exists("SELECT 1 FROM component_branches WHERE global_component_pk = ?", pk)) {
            throw ErrorBodies.badRequest("Cannot delete some instances of model 'GlobalComponent' because they are "
                    + "referenced through a protected foreign key");
        }
        tx.update("DELETE FROM global_components WHERE id = ?", pk);
    }
}
