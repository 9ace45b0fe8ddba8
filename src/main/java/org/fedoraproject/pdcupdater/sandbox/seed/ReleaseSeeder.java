package org.fedoraproject.pdcupdater.sandbox.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.api.WriteContext;
import org.fedoraproject.pdcupdater.sandbox.db.ChangesetRecorder;
import org.fedoraproject.pdcupdater.sandbox.db.Database;
import org.fedoraproject.pdcupdater.sandbox.http.ApiException;
import org.fedoraproject.pdcupdater.sandbox.http.Json;
import org.fedoraproject.pdcupdater.sandbox.resources.ReleaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates the releases listed in a JSON file (an array of releases/ create bodies) unless a release with the
 * same computed release_id exists. Goes through the normal validation, so a bad entry fails start-up with
 * PDC's own error text; seeding records no changeset, like data loaded by a migration.
 */
public final class ReleaseSeeder {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseSeeder.class);

    private ReleaseSeeder() {
    }

    public static int seed(Database db, ReleaseResource releases, Path file) {
        JsonNode list;
        try {
            list = Json.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read releases file " + file + ": " + e.getMessage(), e);
        }
        if (list == null || !list.isArray()) throw new IllegalArgumentException(file + " must hold a JSON array");
        return db.write(tx -> {
            int created = 0;
            for (JsonNode body : list) {
                if (!body.isObject()) throw new IllegalArgumentException(file + ": every entry must be an object");
                String id = ReleaseResource.releaseId(body.path("short").asText(), body.path("version").asText(),
                        body.path("release_type").asText("ga"), body.path("base_product").isTextual()
                                ? body.get("base_product").asText() : null);
                if (tx.exists("SELECT 1 FROM releases WHERE release_id = ?", id)) continue;
                try {
                    releases.create(new WriteContext(tx, new ChangesetRecorder(), null), ((ObjectNode) body).deepCopy());
                } catch (ApiException e) {
                    throw new IllegalArgumentException(file + ": release " + id + " rejected: " + e.body(), e);
                }
                created++;
            }
            if (created > 0) LOG.info("PDC sandbox: seeded {} releases from {}", created, file);
            return created;
        });
    }
}
