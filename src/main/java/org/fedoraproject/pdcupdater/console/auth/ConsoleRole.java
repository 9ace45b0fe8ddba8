package org.fedoraproject.pdcupdater.console.auth;

import java.security.Principal;

import javax.security.auth.Subject;

/**
 * A role of a console login: {@value #VIEWER} reads, {@value #ADMIN} also runs operations and changes attributes.
 */
public record ConsoleRole(String name) implements Principal {

    public static final String VIEWER = "viewer";
    public static final String ADMIN = "admin";

    @Override
    public String getName() {
        return name;
    }

    public static boolean has(Subject subject, String role) {
        return subject != null && subject.getPrincipals(ConsoleRole.class).stream().anyMatch(r -> r.name().equals(role));
    }
}
