package org.fedoraproject.pdcupdater.sandbox.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Maps a path below /rest_api/v1/ to an endpoint and an optional detail key. Lookup values may contain any
 * character but '/', like PDC's lookup_value_regex {@code [^/]+}.
 */
public final class Router {
    public record Match(Endpoint endpoint, String key) {
    }

    private final List<Endpoint> endpoints = new ArrayList<>();

    public Router add(Endpoint e) {
        endpoints.add(e);
        // Longest base first so "compose-rpms/" is not taken for a detail of some shorter path.
        endpoints.sort(Comparator.comparingInt((Endpoint x) -> x.basePath().length()).reversed());
        return this;
    }

    public List<Endpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    /** @return the match, or null when no route fits */
    public Match match(String route) {
        for (Endpoint e : endpoints) {
            String base = e.basePath();
            if (route.equals(base)) return new Match(e, null);
            if (e.hasDetail() && route.startsWith(base)) {
                String rest = route.substring(base.length());
                if (rest.length() > 1 && rest.endsWith("/") && rest.indexOf('/') == rest.length() - 1) {
                    return new Match(e, rest.substring(0, rest.length() - 1));
                }
            }
        }
        return null;
    }
}
