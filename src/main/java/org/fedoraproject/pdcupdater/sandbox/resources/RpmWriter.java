package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.api.BodyCheck;
import org.fedoraproject.pdcupdater.sandbox.db.DbException;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;
import org.fedoraproject.pdcupdater.sandbox.http.Json;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validation and (batched) storage of RPM rows, shared by rpms/ and modules/ (which creates missing RPMs
 * "via rpms rules", pdc-api.md 2.23).
 */
final class RpmWriter {
    static final List<String> DEP_KINDS = List.of("provides", "requires", "obsoletes", "conflicts", "recommends", "suggests");
    static final Set<String> WRITABLE = Set.of("name", "version", "epoch", "release", "arch", "srpm_name", "srpm_nevra",
            "filename", "linked_releases", "built_for_release", "dependencies", "srpm_commit_hash", "srpm_commit_branch");
    static final Set<String> READ_ONLY = Set.of("id", "linked_composes");
    private static final Pattern DEP = Pattern.compile("^\\s*(\\S+)\\s*(?:(<=|>=|<|>|=)\\s*(\\S+))?\\s*$");

    record Dep(String kind, String name, String op, String version) {
    }

    /** A validated RPM; {@code linkedReleases}/{@code deps} null = keep current (PATCH). */
    record Values(String name, long epoch, String version, String release, String arch, String srpmName,
                  String srpmNevra, String filename, Long builtFor, List<Long> linkedReleases, List<Dep> deps,
                  String commitHash, String commitBranch) {
    }

    private RpmWriter() {
    }

    static Values validate(Tx tx, JsonNode body, boolean partial, ObjectNode cur) {
        BodyCheck b = BodyCheck.of(body, partial, WRITABLE, READ_ONLY);
        boolean keep = partial && cur != null;
        String name = keep && !b.has("name") ? cur.get("name").asText() : b.requiredString("name", 200);
        Long epoch = keep && !b.has("epoch") ? (Long) cur.get("epoch").asLong() : b.integer("epoch", true, 0L);
        String version = keep && !b.has("version") ? cur.get("version").asText() : b.requiredString("version", 200);
        String release = keep && !b.has("release") ? cur.get("release").asText() : b.requiredString("release", 200);
        String arch = keep && !b.has("arch") ? cur.get("arch").asText() : b.requiredString("arch", 200);
        String srpmName = keep && !b.has("srpm_name") ? cur.get("srpm_name").asText() : b.requiredString("srpm_name", 200);
        String srpmNevra = keep && !b.has("srpm_nevra") ? text(cur.get("srpm_nevra")) : b.string("srpm_nevra", false, true, true, 200);
        if (srpmNevra != null && srpmNevra.isEmpty()) srpmNevra = null;
        String filename = keep && !b.has("filename") ? cur.get("filename").asText() : b.string("filename", false, false, false, 4096);
        Long builtFor = null;
        if (keep && !b.has("built_for_release")) {
            builtFor = cur.get("built_for_release").isNull() ? null
                    : tx.longValue("SELECT id FROM releases WHERE release_id = ?", cur.get("built_for_release").asText());
        } else {
            builtFor = Refs.slug(tx, b, "built_for_release", "releases", "release_id",
                    b.string("built_for_release", false, true, false, 200));
        }
        List<Long> linked = null;
        if (b.has("linked_releases")) {
            List<String> ids = b.stringList("linked_releases", false);
            linked = new ArrayList<>();
            if (ids != null) {
                for (String id : ids) {
                    Long pk = tx.longValue("SELECT id FROM releases WHERE release_id = ?", id);
                    if (pk == null) b.error("linked_releases", "Object with release_id=" + id + " does not exist.");
                    else if (!linked.contains(pk)) linked.add(pk);
                }
            }
        } else if (!keep) {
            linked = List.of();
        }
        List<Dep> deps = null;
        if (b.has("dependencies")) {
            deps = deps(b, b.raw("dependencies"));
        } else if (!keep) {
            deps = List.of();
        }
        String hash = keep && !b.has("srpm_commit_hash") ? text(cur.get("srpm_commit_hash"))
                : b.string("srpm_commit_hash", false, true, true, 200);
        String branch = keep && !b.has("srpm_commit_branch") ? text(cur.get("srpm_commit_branch"))
                : b.string("srpm_commit_branch", false, true, true, 200);
        b.done();
        if ("src".equals(arch) == (srpmNevra != null)) {
            throw ErrorBodies.badRequestList("RPM's srpm_nevra should be empty if and only if arch is src");
        }
        if (filename == null) filename = name + "-" + version + "-" + release + "." + arch + ".rpm";
        return new Values(name, epoch, version, release, arch, srpmName, srpmNevra, filename, builtFor, linked, deps, hash, branch);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static List<Dep> deps(BodyCheck b, JsonNode raw) {
        List<Dep> out = new ArrayList<>();
        if (raw.isNull()) return out;
        if (!raw.isObject()) {
            b.error("dependencies", "Expected a dictionary of items but got type \"" + Json.pyType(raw) + "\".");
            return out;
        }
        raw.fields().forEachRemaining(e -> {
            if (!DEP_KINDS.contains(e.getKey())) {
                b.error("dependencies", "Unsupported dependency type \"" + e.getKey() + "\".");
                return;
            }
            if (!e.getValue().isArray()) {
                b.error("dependencies", "Expected a list of items but got type \"" + Json.pyType(e.getValue()) + "\".");
                return;
            }
            for (JsonNode d : e.getValue()) {
                Matcher m = DEP.matcher(d.asText());
                if (!d.isTextual() || !m.matches()) {
                    b.error("dependencies", "Invalid dependency \"" + d.asText() + "\".");
                    return;
                }
                out.add(new Dep(e.getKey(), m.group(1), m.group(2), m.group(3)));
            }
        });
        return out;
    }

    static ObjectNode depsJson(List<Dep> deps) {
        ObjectNode o = Json.obj();
        for (String k : DEP_KINDS) o.set(k, Json.arr());
        for (Dep d : deps) ((ArrayNode) o.get(d.kind)).add(d.op == null ? d.name : d.name + " " + d.op + " " + d.version);
        return o;
    }

    static Long findByNevra(Tx tx, String name, long epoch, String version, String release, String arch) {
        return tx.longValue("SELECT id FROM rpms WHERE name = ? AND epoch = ? AND version = ? AND release = ? AND arch = ?",
                name, epoch, version, release, arch);
    }

    static void checkUnique(Tx tx, Values v, long selfPk) {
        Long other = findByNevra(tx, v.name, v.epoch, v.version, v.release, v.arch);
        if (other != null && other != selfPk) {
            throw ErrorBodies.badRequestList("The fields name, epoch, version, release, arch must make a unique set.");
        }
    }

    /** Batch-insert validated RPMs; returns their ids in order. */
    static List<Long> insert(Tx tx, List<Values> rows) {
        List<Long> ids = new ArrayList<>(rows.size());
        try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO rpms (name, epoch, version, release, arch, "
                + "srpm_name, srpm_nevra, filename, built_for_release_pk, srpm_commit_hash, srpm_commit_branch, dependencies) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[]{"ID"})) {
            for (Values v : rows) {
                Tx.bind(ps, v.name, v.epoch, v.version, v.release, v.arch, v.srpmName, v.srpmNevra, v.filename, v.builtFor,
                        v.commitHash, v.commitBranch, Json.write(depsJson(v.deps)));
                ps.addBatch();
            }
            ps.executeBatch();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new DbException(e);
        }
        if (ids.size() != rows.size()) throw new IllegalStateException("batch insert returned " + ids.size() + " ids");
        writeRelations(tx, ids, rows, true);
        return ids;
    }

    static void update(Tx tx, long pk, Values v) {
        List<Dep> deps = v.deps;
        String depsText = deps == null ? tx.string("SELECT dependencies FROM rpms WHERE id = ?", pk) : Json.write(depsJson(deps));
        tx.update("UPDATE rpms SET name = ?, epoch = ?, version = ?, release = ?, arch = ?, srpm_name = ?, srpm_nevra = ?, "
                        + "filename = ?, built_for_release_pk = ?, srpm_commit_hash = ?, srpm_commit_branch = ?, dependencies = ? WHERE id = ?",
                v.name, v.epoch, v.version, v.release, v.arch, v.srpmName, v.srpmNevra, v.filename, v.builtFor,
                v.commitHash, v.commitBranch, depsText, pk);
        writeRelations(tx, List.of(pk), List.of(v), false);
    }

    private static void writeRelations(Tx tx, List<Long> ids, List<Values> rows, boolean fresh) {
        try (PreparedStatement lr = tx.connection().prepareStatement("INSERT INTO rpm_linked_releases (rpm_pk, release_pk) VALUES (?, ?)");
             PreparedStatement dp = tx.connection().prepareStatement("INSERT INTO rpm_dependencies (rpm_pk, kind, name, op, version) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < ids.size(); i++) {
                long id = ids.get(i);
                Values v = rows.get(i);
                if (v.linkedReleases != null) {
                    if (!fresh) tx.update("DELETE FROM rpm_linked_releases WHERE rpm_pk = ?", id);
                    for (Long r : v.linkedReleases) {
                        Tx.bind(lr, id, r);
                        lr.addBatch();
                    }
                }
                if (v.deps != null) {
                    if (!fresh) tx.update("DELETE FROM rpm_dependencies WHERE rpm_pk = ?", id);
                    for (Dep d : v.deps) {
                        Tx.bind(dp, id, d.kind, d.name, d.op, d.version);
                        dp.addBatch();
                    }
                }
            }
            lr.executeBatch();
            dp.executeBatch();
        } catch (SQLException e) {
            throw new DbException(e);
        }
    }
}
