package org.fedoraproject.pdcupdater.handler.rpms;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.pdc.resource.Rpms;

/** The part of a PDC {@code rpms/} row the rpms handler reads: its id, NEVRA and release links. */
record PdcRpm(int id, Rpms.Nevra nevra, List<String> linkedReleases) {

    /** The fields to ask PDC for ({@code fields=}), so a read does not carry dependencies and the like. */
    static final List<String> FIELDS = List.of("id", "name", "epoch", "version", "release", "arch", "linked_releases");
    /**
     * The fields an audit's pass over a release needs: the id and the NEVRA. Without {@code linked_releases}, which
     * are all the audited release there, PDC looks up no links for the million rows of the pass.
     */
    static final List<String> NEVRA_FIELDS = List.of("id", "name", "epoch", "version", "release", "arch");

    static PdcRpm from(JsonNode row) {
        List<String> linked = new ArrayList<>();
        row.path("linked_releases").forEach(r -> linked.add(r.asText()));
        return new PdcRpm(row.path("id").asInt(), nevraOf(row), List.copyOf(linked));
    }

    static Rpms.Nevra nevraOf(JsonNode row) {
        return new Rpms.Nevra(row.path("name").asText(), row.path("epoch").asInt(0), row.path("version").asText(),
                row.path("release").asText(), row.path("arch").asText());
    }

    boolean linkedTo(String release) {
        return linkedReleases.contains(release);
    }

    List<String> plus(String release) {
        List<String> out = new ArrayList<>(linkedReleases);
        out.add(release);
        return out;
    }

    List<String> minus(String release) {
        List<String> out = new ArrayList<>(linkedReleases);
        out.remove(release);
        return out;
    }
}
