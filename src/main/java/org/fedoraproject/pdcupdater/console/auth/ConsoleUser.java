package org.fedoraproject.pdcupdater.console.auth;

import java.security.Principal;

/** The user name of a console login. */
public record ConsoleUser(String name) implements Principal {

    @Override
    public String getName() {
        return name;
    }
}
