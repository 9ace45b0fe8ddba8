package org.fedoraproject.pdcupdater.source.fas;

/**
 * One FAS account, as much of it as PDC needs.
 *
 * @param id          FAS's numeric id
 * @param username    login name; what PDC's {@code persons} are keyed by
 * @param humanName   may be null: FAS hides it for accounts with privacy set
 * @param email       may be null for the same reason; PDC uses {@code <username>@fedoraproject.org}
 * @param status      {@code active}, {@code inactive}, {@code expired}, {@code admin_disabled}, ...
 * @param claApproved whether the account has signed the contributor agreement ({@code cla_done}).
 *                    The original pdc-updater loaded only these (FAS's {@code people} list, not
 *                    {@code unapproved_people}); null when the answer did not say.
 */
public record FasPerson(Long id, String username, String humanName, String email, String status,
        Boolean claApproved) {

    /** The address the original pdc-updater gave every PDC person. */
    public String fedoraEmail() {
        return username + "@fedoraproject.org";
    }
}
