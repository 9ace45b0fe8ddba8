package org.fedoraproject.pdcupdater.handler.branches;

import java.time.LocalDate;
import java.util.Objects;

/** One SLA a new branch gets: its name ({@code bug_fixes}) and when it ends. */
public record DefaultSla(String sla, LocalDate eol) {

    public DefaultSla {
        Objects.requireNonNull(sla, "sla");
        Objects.requireNonNull(eol, "eol");
    }
}
