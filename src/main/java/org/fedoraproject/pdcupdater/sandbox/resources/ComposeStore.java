package org.fedoraproject.pdcupdater.sandbox.resources;

import org.fedoraproject.pdcupdater.sandbox.db.ChangesetRecorder;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;

import java.sql.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared steps of the compose imports (PDC's compose/lib.py): find the release, get-or-create the compose
 * from composeinfo, and get-or-create its variants, variant arches and relative paths. Lookups that fail are
 * the 404 "Not found:  <Model> matching query does not exist." of PDC's views.
 */
final class ComposeStore {
    private final ComposeResource composes;

    ComposeStore(ComposeResource composes) {
        this.composes = composes;
    }

    static long release(Tx tx, String releaseId) {
        Long pk = tx.longValue("SELECT id FROM releases WHERE release_id = ?", releaseId);
        if (pk == null) throw ErrorBodies.lookupNotFound("Release");
        return pk;
    }

    static long lookup(Tx tx, String table, String model, String name) {
        Long pk = tx.longValue("SELECT id FROM " + table + " WHERE name = ?", name);
        if (pk == null) throw ErrorBodies.lookupNotFound(model);
        return pk;
    }

    /**
     * Get-or-create by all identity fields (and acceptance state for the rpms import). A stored compose with
     * the same id but other values makes real PDC try a second insert, failing model validation.
     */
    long compose(Tx tx, long releasePk, ComposeInfo ci, boolean requireUntested, ChangesetRecorder changes, ApiRequest req) {
        return compose(tx, releasePk, ci, requireUntested, changes, req, null);
    }

    /** As above; a compose created here is tagged with {@code importPk} (hidden until that import finishes). */
    long compose(Tx tx, long releasePk, ComposeInfo ci, boolean requireUntested, ChangesetRecorder changes, ApiRequest req,
                 Long importPk) {
        long typePk = lookup(tx, "compose_types", "ComposeType", ci.type());
        long untested = lookup(tx, "acceptance_states", "ComposeAcceptanceTestingState", "untested");
        Object[] cur = tx.one("SELECT id, release_pk, compose_date, compose_type_pk, compose_respin, compose_label, acceptance_pk "
                + "FROM composes WHERE compose_id = ?", rs -> new Object[]{rs.getLong(1), rs.getLong(2), rs.getDate(3).toString(),
                rs.getLong(4), rs.getInt(5), rs.getString(6), rs.getLong(7)}, ci.id());
        if (cur != null) {
            boolean same = cur[1].equals(releasePk) && cur[2].equals(ci.isoDate()) && cur[3].equals(typePk)
                    && cur[4].equals(ci.respin()) && java.util.Objects.equals(cur[5], ci.label())
                    && (!requireUntested || cur[6].equals(untested));
            if (!same) throw ErrorBodies.badRequestList("Compose with this Compose id already exists.");
            return (Long) cur[0];
        }
        long pk = tx.insert("INSERT INTO composes (compose_id, release_pk, compose_date, compose_type_pk, compose_respin, "
                        + "compose_label, deleted, acceptance_pk, rtt_tested_architectures, import_pk) VALUES (?, ?, ?, ?, ?, ?, FALSE, ?, '{}', ?)",
                ci.id(), releasePk, Date.valueOf(ci.isoDate()), typePk, ci.respin(), ci.label(), untested, importPk);
        changes.created("compose", pk, composes.export(tx, pk, req));
        return pk;
    }

    /** @return variant_uid + "/" + arch → variant_arches.id, for every variant/arch of the composeinfo */
    Map<String, Long> variantArches(Tx tx, long composePk, ComposeInfo ci) {
        Map<String, Long> out = new HashMap<>();
        for (ComposeInfo.Variant v : ci.variants()) {
            long vt = lookup(tx, "variant_types", "VariantType", v.type());
            Long vpk = tx.longValue("SELECT id FROM variants WHERE compose_pk = ? AND variant_uid = ?", composePk, v.uid());
            if (vpk == null) {
                vpk = tx.insert("INSERT INTO variants (compose_pk, variant_id, variant_uid, variant_name, variant_type_pk) "
                        + "VALUES (?, ?, ?, ?, ?)", composePk, v.id(), v.uid(), v.name(), vt);
            }
            for (String arch : v.arches()) {
                long archPk = lookup(tx, "arches", "Arch", arch);
                Long va = tx.longValue("SELECT id FROM variant_arches WHERE variant_pk = ? AND arch_pk = ?", vpk, archPk);
                if (va == null) va = tx.insert("INSERT INTO variant_arches (variant_pk, arch_pk) VALUES (?, ?)", vpk, archPk);
                out.put(v.uid() + "/" + arch, va);
                for (Map.Entry<String, Map<String, String>> p : v.paths().entrySet()) {
                    String path = p.getValue().get(arch);
                    if (path != null && !tx.exists("SELECT 1 FROM compose_rel_paths WHERE variant_pk = ? AND arch_pk = ? AND path_type = ?",
                            vpk, archPk, p.getKey())) {
                        tx.update("INSERT INTO compose_rel_paths (variant_pk, arch_pk, path_type, path) VALUES (?, ?, ?, ?)",
                                vpk, archPk, p.getKey(), path);
                    }
                }
            }
        }
        return out;
    }

    static long path(Tx tx, String dir) {
        Long pk = tx.longValue("SELECT id FROM paths WHERE path = ?", dir);
        return pk != null ? pk : tx.insert("INSERT INTO paths (path) VALUES (?)", dir);
    }

    /** The header/compose block of a productmd manifest rebuilt from the database. */
    static com.fasterxml.jackson.databind.node.ObjectNode manifestCompose(Tx tx, long composePk) {
        return tx.one("SELECT c.compose_id, c.compose_date, ct.name, c.compose_respin, c.compose_label FROM composes c "
                + "JOIN compose_types ct ON ct.id = c.compose_type_pk WHERE c.id = ?", rs -> {
            com.fasterxml.jackson.databind.node.ObjectNode o = org.fedoraproject.pdcupdater.sandbox.http.Json.obj();
            o.put("date", rs.getDate(2).toString().replace("-", ""));
            o.put("id", rs.getString(1));
            o.put("respin", rs.getInt(4));
            o.put("type", rs.getString(3));
            if (rs.getString(5) != null) o.put("label", rs.getString(5));
            return o;
        }, composePk);
    }

    static List<String> splitPath(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? List.of("", path) : List.of(path.substring(0, slash), path.substring(slash + 1));
    }
}
