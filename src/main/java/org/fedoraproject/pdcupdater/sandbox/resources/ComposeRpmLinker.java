package org.fedoraproject.pdcupdater.sandbox.resources;

import org.fedoraproject.pdcupdater.sandbox.db.DbException;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Writes manifest entries of one compose-rpms import straight into rpms/ and compose_rpms, inside the import's
 * transaction: RPMs get-or-created by NEVRA, sigkeys created on demand, paths by directory, and the entry linked to
 * its variant/arch unless it already is (re-import is a no-op). Entries of a variant/arch that composeinfo does
 * not list are skipped and not counted, as PDC does.
 *
 * <p>Rows it creates carry the import's id ({@link PendingImports}): readers skip them until the import finishes,
 * so the linker may commit every {@value #COMMIT_EVERY} entries instead of holding a million rows in one transaction
 * (slow to commit in H2, and its undo log lives on the heap).
 *
 * <p>Links of a variant/arch that had none before the import (a new compose) are plain inserts, repeats within the
 * manifest dropped in memory: a manifest lists a variant/arch's entries together, so the set of RPMs linked to the
 * current one is all that needs remembering. A variant/arch that already had links, or that the manifest lists a
 * second time further on, gets the insert that first checks the link is not there.
 *
 * <p>Speed comes from prepared statements reused for every entry, link inserts sent in JDBC batches, and key
 * lookups answered from memory: the small tables (categories, sigkeys) whole, and RPM and path ids in
 * least-recently-used maps of bounded size, since a manifest names the same noarch RPM under many variants and
 * arches close together. A miss costs one lookup on the RPM's unique index.
 */
final class ComposeRpmLinker implements Consumer<ManifestRpm>, AutoCloseable {
    private static final Pattern SIGKEY = Pattern.compile("^[0-9a-fA-F]{8}$");
    /** About 10 MB of keys: enough for the distance between a package's entries in different variants. */
    private static final int RPM_CACHE = 65_536;
    private static final int PATH_CACHE = 4_096;
    private static final int BATCH = 1_000;
    private static final int COMMIT_EVERY = 20_000;

    private final Tx tx;
    private final Map<String, Long> variantArches;
    private final Map<String, Long> categories = new HashMap<>();
    private final Map<String, Long> sigkeys = new HashMap<>();
    private final Map<String, Long> paths = new Lru<>(PATH_CACHE);
    private final Map<String, Long> rpms = new Lru<>(RPM_CACHE);
    private final PreparedStatement findRpm;
    private final PreparedStatement insertRpm;
    private final PreparedStatement link;
    private final PreparedStatement linkFresh;
    /** Variant arches without links before this import, while the manifest lists them for the first time. */
    private final Set<Long> fresh = new HashSet<>();
    private final Set<Long> visited = new HashSet<>();
    private final Set<Long> linkedHere = new HashSet<>();
    private long currentVa = -1;
    private String lastVariant;
    private String lastArch;
    private Long lastVa;
    private int pendingFresh;
    private final long importId;
    private final boolean commits;
    private int pending;
    private int uncommitted;
    private long linked;

    /** @param commits whether to commit every {@value #COMMIT_EVERY} entries (not while a staged replay reads) */
    ComposeRpmLinker(Tx tx, Map<String, Long> variantArches, long importId, boolean commits) {
        this.tx = tx;
        this.variantArches = variantArches;
        this.importId = importId;
        this.commits = commits;
        tx.list("SELECT name, id FROM content_categories", rs -> categories.put(rs.getString(1), rs.getLong(2)));
        this.findRpm = tx.prepare("SELECT id FROM rpms WHERE name = ? AND epoch = ? AND version = ? AND release = ? AND arch = ?");
        try {
            this.insertRpm = tx.connection().prepareStatement("INSERT INTO rpms (name, epoch, version, release, arch, "
                    + "srpm_name, srpm_nevra, filename, import_pk) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
        } catch (SQLException e) {
            throw new DbException(e);
        }
        // One statement, so a pair repeated within the manifest is kept once: rows of a batch run in order.
        this.link = tx.prepare("INSERT INTO compose_rpms (variant_arch_pk, rpm_pk, content_category_pk, sigkey_pk, path_pk, "
                + "import_pk) SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM compose_rpms WHERE variant_arch_pk = ? AND rpm_pk = ?)");
        this.linkFresh = tx.prepare("INSERT INTO compose_rpms (variant_arch_pk, rpm_pk, content_category_pk, sigkey_pk, path_pk, "
                + "import_pk) VALUES (?, ?, ?, ?, ?, ?)");
        for (long va : variantArches.values()) {
            if (!tx.exists("SELECT 1 FROM compose_rpms WHERE variant_arch_pk = ? FETCH FIRST 1 ROWS ONLY", va)) fresh.add(va);
        }
    }

    /** Entries linked so far (the "imported rpms" of the answer). */
    long linked() {
        return linked;
    }

    @Override
    public void accept(ManifestRpm e) {
        Long va = variantArch(e);
        if (va == null) return;
        Long category = categories.get(e.category());
        if (category == null) throw ErrorBodies.lookupNotFound("ContentCategory");
        Long sigkey = sigkey(e.sigkey());
        long path = paths.computeIfAbsent(e.dir(), ComposeRpmLinker.this::path);
        long rpm = rpm(e);
        try {
            linked++;
            if (isFresh(va)) {
                if (!linkedHere.add(rpm)) return;
                Tx.bind(linkFresh, va, rpm, category, sigkey, path, importId);
                linkFresh.addBatch();
                if (++pendingFresh >= BATCH) flush();
            } else {
                Tx.bind(link, va, rpm, category, sigkey, path, importId, va, rpm);
                link.addBatch();
                if (++pending >= BATCH) flush();
            }
            if (commits && ++uncommitted >= COMMIT_EVERY) {
                flush();
                tx.connection().commit();
                uncommitted = 0;
            }
        } catch (SQLException ex) {
            throw new DbException(ex);
        }
    }

    /** Sends the pending batches (plain inserts first: a checking insert may need to see them). */
    void flush() {
        try {
            if (pendingFresh > 0) linkFresh.executeBatch();
            pendingFresh = 0;
            if (pending > 0) link.executeBatch();
            pending = 0;
        } catch (SQLException e) {
            throw new DbException(e);
        }
    }

    /** The variant arch of an entry; entries come grouped by variant and arch, so the last answer usually holds. */
    private Long variantArch(ManifestRpm e) {
        if (!e.variant().equals(lastVariant) || !e.arch().equals(lastArch)) {
            lastVariant = e.variant();
            lastArch = e.arch();
            lastVa = variantArches.get(lastVariant + "/" + lastArch);
        }
        return lastVa;
    }

    /** Whether {@code va} takes plain inserts; tracks which variant arch the manifest is listing. */
    private boolean isFresh(long va) {
        if (va == currentVa) return fresh.contains(va);
        if (currentVa >= 0) visited.add(currentVa);
        currentVa = va;
        linkedHere.clear();
        if (fresh.contains(va) && visited.contains(va)) {
            // Listed a second time: its earlier links are only in the database from now on.
            fresh.remove(va);
            flush();
        }
        return fresh.contains(va);
    }

    private Long sigkey(String key) {
        if (key == null) return null;
        Long pk = sigkeys.get(key);
        if (pk != null) return pk;
        if (!SIGKEY.matcher(key).matches()) throw ErrorBodies.badRequestList("Invalid sigkey: " + key);
        pk = tx.longValue("SELECT id FROM sigkeys WHERE key_id = ?", key);
        if (pk == null) pk = tx.insert("INSERT INTO sigkeys (key_id) VALUES (?)", key);
        sigkeys.put(key, pk);
        return pk;
    }

    private long path(String dir) {
        return ComposeStore.path(tx, dir);
    }

    private long rpm(ManifestRpm e) {
        Nevra n = e.rpm();
        String key = n.text();
        Long pk = rpms.get(key);
        if (pk != null) return pk;
        try {
            Tx.bind(findRpm, n.name(), n.epoch(), n.version(), n.release(), n.arch());
            try (ResultSet rs = findRpm.executeQuery()) {
                if (rs.next()) pk = rs.getLong(1);
            }
            if (pk == null) {
                // Source RPMs keep srpm_nevra NULL so the rpms/ rule "null iff arch is src" holds for imported rows too.
                Tx.bind(insertRpm, n.name(), n.epoch(), n.version(), n.release(), n.arch(), e.srpmName(),
                        "src".equals(n.arch()) ? null : e.srpmKey(), e.filename(), importId);
                insertRpm.executeUpdate();
                try (ResultSet rs = insertRpm.getGeneratedKeys()) {
                    rs.next();
                    pk = rs.getLong(1);
                }
            }
        } catch (SQLException ex) {
            throw new DbException(ex);
        }
        rpms.put(key, pk);
        return pk;
    }

    @Override
    public void close() {
        for (PreparedStatement ps : new PreparedStatement[]{findRpm, insertRpm, link, linkFresh}) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // closing a statement of a transaction that is being rolled back
            }
        }
    }

    /** A map that forgets its least recently used entry beyond a fixed size. */
    private static final class Lru<K, V> extends LinkedHashMap<K, V> {
        private final int max;

        Lru(int max) {
            super(16, 0.75f, true);
            this.max = max;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > max;
        }
    }
}
