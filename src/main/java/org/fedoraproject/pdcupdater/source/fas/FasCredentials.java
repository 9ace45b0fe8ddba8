package org.fedoraproject.pdcupdater.source.fas;

import java.util.Objects;

/** The account pdc-updater logs into FAS with. {@link #toString()} never shows the password. */
public record FasCredentials(String username, String password) {

    public FasCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "FasCredentials[username=" + username + ", password=***]";
    }
}
