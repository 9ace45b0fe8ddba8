package org.fedoraproject.pdcupdater.handler.people;

import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects people PDC lacks and creates them with bulk requests of the client's chunk size, so that loading a
 * whole account system takes a few hundred requests, not one per person, and never holds more than one chunk.
 * A person someone else created meanwhile is found, not duplicated ({@link PdcClient#bulkEnsure}).
 */
final class MissingPeople {

    static final String RESOURCE = "contacts/people";

    private final PdcClient pdc;
    private final ChangeComment comment;
    private final List<Map<String, Object>> pending = new ArrayList<>();
    private long written;

    MissingPeople(PdcClient pdc, ChangeComment comment) {
        this.pdc = pdc;
        this.comment = comment;
    }

    void add(String username, String email) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("email", email);
        pending.add(body);
        if (pending.size() >= pdc.settings().bulkChunkSize()) {
            flush();
        }
    }

    /** Creates what is pending; returns how many people were sent in all so far. */
    long flush() {
        if (!pending.isEmpty()) {
            pdc.bulkEnsure(RESOURCE, pending, body -> Map.of("username", body.path("username").asText()), comment);
            written += pending.size();
            pending.clear();
        }
        return written;
    }
}
