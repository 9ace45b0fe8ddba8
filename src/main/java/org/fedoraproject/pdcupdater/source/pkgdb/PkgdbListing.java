package org.fedoraproject.pdcupdater.source.pkgdb;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.source.http.JsonFields;

/**
 * A package on one branch (pkgdb's "package listing").
 *
 * @param collection     the branch
 * @param status         {@code Approved}, {@code Orphaned}, {@code Retired} or {@code Removed}
 * @param pointOfContact the main admin, {@code orphan} when orphaned
 * @param critpath       whether it is on the critical path
 */
public record PkgdbListing(PkgdbCollection collection, String status, String pointOfContact, boolean critpath) {

    public static final String RETIRED = "Retired";

    public boolean isRetired() {
        return RETIRED.equals(status);
    }

    public String branch() {
        return collection.branchname();
    }

    static PkgdbListing from(JsonNode l) {
        return new PkgdbListing(PkgdbCollection.from(l.path("collection")), JsonFields.text(l, "status"),
                JsonFields.text(l, "point_of_contact"), JsonFields.bool(l, "critpath"));
    }
}
