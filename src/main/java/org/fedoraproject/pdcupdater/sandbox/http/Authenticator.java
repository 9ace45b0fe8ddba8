package org.fedoraproject.pdcupdater.sandbox.http;

import java.util.Locale;

/**
 * DRF TokenAuthentication as PDC configures it: the scheme word is case-insensitive, other schemes are
 * ignored (anonymous), and a bad key fails every method, GET included (pdc-api.md 1.2).
 */
public final class Authenticator {
    /** Username that every accepted token maps to; shows up as changeset author. */
    public static final String USER = "sandbox";
    /** Returned by auth/token/obtain/ when no token is configured (any token is accepted then). */
    public static final String DEFAULT_TOKEN = "5a4d8c2f0e1b3a6978c0d2e4f6a8b0c1d3e5f7a9";

    private final String token;

    public Authenticator(String token) {
        this.token = token;
    }

    /** The token auth/token/obtain/ hands out. */
    public String issuedToken() {
        return token != null ? token : DEFAULT_TOKEN;
    }

    /** @return the user name, or null for an anonymous request */
    public String authenticate(String authorization) {
        if (authorization == null) return null;
        String[] parts = authorization.trim().split("\\s+");
        if (parts.length == 0 || parts[0].isEmpty() || !parts[0].toLowerCase(Locale.ROOT).equals("token")) {
            return null;
        }
        if (parts.length == 1) throw ErrorBodies.invalidTokenHeader("No credentials provided.");
        if (parts.length > 2) throw ErrorBodies.invalidTokenHeader("Token string should not contain spaces.");
        String key = parts[1];
        if (token == null ? key.isEmpty() : !token.equals(key)) throw ErrorBodies.invalidToken();
        return USER;
    }
}
