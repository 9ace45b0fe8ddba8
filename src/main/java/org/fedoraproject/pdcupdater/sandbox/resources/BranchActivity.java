package org.fedoraproject.pdcupdater.sandbox.resources;

import org.fedoraproject.pdcupdater.sandbox.api.Filter;

import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A component branch is active while one of its SLAs has eol >= today (UTC) (pdc-api.md 2.13/2.15), so it
 * still reads active on the day it was retired. Today is taken per request, never cached.
 */
final class BranchActivity {
    private BranchActivity() {
    }

    static Date today() {
        return Date.valueOf(LocalDate.now(ZoneOffset.UTC));
    }

    /** SQL that is true when the branch row aliased {@code b} is active; binds one date. */
    static String activeSql(String branchAlias) {
        return "EXISTS (SELECT 1 FROM branch_slas bs WHERE bs.branch_pk = " + branchAlias + ".id AND bs.eol >= ?)";
    }

    /** Filter on activity; invalid values answer the bare-list 400 of errata 5. */
    static Filter filter(String branchAlias) {
        return (values, w) -> {
            String v = values.get(values.size() - 1);
            Boolean b = Filter.parseBoolOrNull(v);
            if (b == null) {
                throw new org.fedoraproject.pdcupdater.sandbox.http.ApiException(400,
                        org.fedoraproject.pdcupdater.sandbox.http.Json.arr(java.util.List.of("Value [" + v + "] is not a boolean")));
            }
            w.add((b ? "" : "NOT ") + activeSql(branchAlias), today());
        };
    }
}
