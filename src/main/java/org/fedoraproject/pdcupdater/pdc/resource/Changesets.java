package org.fedoraproject.pdcupdater.pdc.resource;

import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcResource;

import java.util.List;
import java.util.Optional;

/** {@code changesets/} (2.25): read only; each write records one, with its {@code PDC-Change-Comment}. */
public final class Changesets extends ResourceFacade<Changesets.Changeset> {

    /** {@code old_value}/{@code new_value} are JSON text; {@code "null"} marks a creation or a deletion. */
    public record Change(String resource, String resourceId, String oldValue, String newValue) {
    }

    public record Changeset(Integer id, String author, String requestedOn, String committedOn, String duration,
                            List<Change> changes, String comment) {
    }

    public Changesets(PdcClient pdc) {
        super(pdc, PdcResource.CHANGESETS, Changeset.class);
    }

    public Optional<Changeset> get(int id) {
        return read(pdc.find(resource.path(), id));
    }

    /** Changesets whose comment contains {@code text} (newest first), e.g. a fedmsg id. */
    public List<Changeset> withComment(String text) {
        return list(filter("comment", text));
    }
}
