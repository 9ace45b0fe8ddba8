package org.fedoraproject.pdcupdater.handler.people;

import org.fedoraproject.pdcupdater.source.fas.FasPerson;

/**
 * Which e-mail PDC keeps for a FAS account: the one FAS gives, or, when FAS hides it (privacy setting), the
 * {@code <username>@fedoraproject.org} alias every account has (what the original pdc-updater always used).
 * Handle, audit and initialize share this rule, so an audit right after handling finds no difference.
 */
final class PersonEmails {

    private PersonEmails() {
    }

    static String of(FasPerson person) {
        String email = person.email();
        return email == null || email.isBlank() || !email.contains("@") ? person.fedoraEmail() : email.strip();
    }
}
