package org.fedoraproject.pdcupdater.sandbox.db;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.sandbox.http.Json;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the changes of one write request and stores them as one changeset inside the request's
 * transaction, like PDC's changeset middleware: nothing is stored when the request fails (the transaction
 * rolls back) or when it changed nothing; identical old/new values are not logged.
 */
public final class ChangesetRecorder {
    private record Change(String resource, String resourceId, String oldValue, String newValue) {
    }

    private final Instant requestedOn = Instant.now();
    private final List<Change> changes = new ArrayList<>();

    public void created(String resource, Object id, JsonNode value) {
        add(resource, id, "null", Json.write(value));
    }

    public void updated(String resource, Object id, JsonNode oldValue, JsonNode newValue) {
        add(resource, id, Json.write(oldValue), Json.write(newValue));
    }

    public void deleted(String resource, Object id, JsonNode oldValue) {
        add(resource, id, Json.write(oldValue), "null");
    }

    /** PDC logs imports as a "notice" change with id 0. */
    public void notice(JsonNode value) {
        add("notice", 0, "null", Json.write(value));
    }

    private void add(String resource, Object id, String oldValue, String newValue) {
        if (!oldValue.equals(newValue)) {
            changes.add(new Change(resource.toLowerCase(java.util.Locale.ROOT), String.valueOf(id), oldValue, newValue));
        }
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** @return the changeset id, or null when there was nothing to record */
    public Long commit(Tx tx, String author, String comment) {
        if (changes.isEmpty()) return null;
        long id = tx.insert("INSERT INTO changesets (author, requested_on, committed_on, comment) VALUES (?, ?, ?, ?)",
                author, Timestamp.from(requestedOn), Timestamp.from(Instant.now()), comment);
        // One batched INSERT: bulk writes of thousands of objects record thousands of changes.
        try (java.sql.PreparedStatement ps = tx.prepare("INSERT INTO changes (changeset_pk, resource, resource_id, "
                + "old_value, new_value) VALUES (?, ?, ?, ?, ?)")) {
            for (Change c : changes) {
                Tx.bind(ps, id, c.resource(), c.resourceId(), c.oldValue(), c.newValue());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (java.sql.SQLException e) {
            throw new DbException(e);
        }
        return id;
    }
}
