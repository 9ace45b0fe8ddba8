package org.fedoraproject.pdcupdater.handler.rpms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.resource.Rpms;

/**
 * Finds which of a set of RPMs PDC already has, in few reads: {@code rpms/?filename=a&filename=b...} (a multi-value
 * filter, contract 2.17) for up to {@value #FILENAMES_PER_READ} RPMs per request, instead of one NEVRA lookup per RPM.
 * The file name leaves out the epoch, so rows are matched by full NEVRA afterwards.
 *
 * <p>Reads bypass PDC's 30 s GET cache (errata 1): the decision "absent, so create it" must not rest on an answer
 * from before our own last write. A {@code page_size} above PDC's cap of 100 that no one asked for before gives a
 * URL PDC cannot have cached, and changes nothing else (PDC still pages at 100).
 */
final class ExistingRpms {

    /**
     * File names per request. About 60 characters each, so 50 keep the URL near 3 KB, well under Apache's default
     * 8 KB request-line limit in front of PDC.
     */
    static final int FILENAMES_PER_READ = 50;

    private final PdcClient pdc;

    ExistingRpms(PdcClient pdc) {
        this.pdc = pdc;
    }

    /** The PDC rows of {@code rows}, by NEVRA; RPMs PDC does not have are absent from the map. */
    Map<Rpms.Nevra, PdcRpm> of(List<RpmRow> rows) {
        Map<Rpms.Nevra, RpmRow> wanted = new HashMap<>();
        rows.forEach(r -> wanted.put(r.nevra(), r));
        List<String> filenames = rows.stream().map(RpmRow::filename).distinct().toList();
        Map<Rpms.Nevra, PdcRpm> found = new HashMap<>();
        for (int from = 0; from < filenames.size(); from += FILENAMES_PER_READ) {
            List<String> chunk = filenames.subList(from, Math.min(filenames.size(), from + FILENAMES_PER_READ));
            Map<String, Object> query = Map.of("filename", new ArrayList<>(chunk), "fields", PdcRpm.FIELDS,
                    "page_size", uncachedPageSize());
            try (Stream<JsonNode> matching = pdc.stream("rpms", query)) {
                matching.map(PdcRpm::from).filter(p -> wanted.containsKey(p.nevra()))
                        .forEach(p -> found.put(p.nevra(), p));
            }
        }
        return found;
    }

    static long uncachedPageSize() {
        return PdcClient.MAX_PAGE_SIZE + 1 + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    }
}
