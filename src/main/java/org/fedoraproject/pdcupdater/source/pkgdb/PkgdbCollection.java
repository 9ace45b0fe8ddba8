package org.fedoraproject.pdcupdater.source.pkgdb;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.source.http.JsonFields;

/**
 * A pkgdb collection: one branch of a product, e.g. {@code f27} = Fedora 27, {@code master} = rawhide.
 *
 * @param name        product, {@code Fedora} or {@code Fedora EPEL}
 * @param version     {@code 27}, or {@code devel} for rawhide
 * @param branchname  the dist-git branch, e.g. {@code f27}, {@code epel7}, {@code master}
 * @param status      {@code Active}, {@code Under Development} or {@code EOL}
 * @param kojiName    the koji tag, e.g. {@code f27}, {@code rawhide}, {@code epel7}
 * @param distTag     e.g. {@code .fc27}; for rawhide the only place its number appears
 * @param allowRetire whether packages may be retired on this branch
 */
public record PkgdbCollection(String name, String version, String branchname, String status, String kojiName,
        String distTag, boolean allowRetire) {

    public static final String ACTIVE = "Active";
    public static final String UNDER_DEVELOPMENT = "Under Development";
    public static final String EOL = "EOL";

    public boolean isRawhide() {
        return "devel".equals(version);
    }

    public boolean isEol() {
        return EOL.equals(status);
    }

    static PkgdbCollection from(JsonNode c) {
        return new PkgdbCollection(JsonFields.text(c, "name"), JsonFields.text(c, "version"),
                JsonFields.text(c, "branchname"), JsonFields.text(c, "status"), JsonFields.text(c, "koji_name"),
                JsonFields.text(c, "dist_tag"), JsonFields.bool(c, "allow_retire"));
    }
}
