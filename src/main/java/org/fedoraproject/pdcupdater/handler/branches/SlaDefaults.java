package org.fedoraproject.pdcupdater.handler.branches;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The SLAs a branch is given by default, and where they came from (for logs and audit reports).
 *
 * @param branch  the branch name
 * @param release the PDC release the branch belongs to, or null when an exact branch entry gave them
 * @param slas    at least one SLA
 */
public record SlaDefaults(String branch, String release, List<DefaultSla> slas) {

    public SlaDefaults {
        slas = List.copyOf(slas);
        if (slas.isEmpty()) {
            throw new IllegalArgumentException("no SLAs for branch " + branch);
        }
    }

    public Optional<DefaultSla> sla(String name) {
        return slas.stream().filter(s -> s.sla().equals(name)).findFirst();
    }

    /** When the branch ends if nobody retires it: its latest SLA's eol. */
    public LocalDate end() {
        return slas.stream().map(DefaultSla::eol).max(Comparator.naturalOrder()).orElseThrow();
    }
}
