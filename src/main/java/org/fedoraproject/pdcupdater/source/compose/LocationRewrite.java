package org.fedoraproject.pdcupdater.source.compose;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Maps compose locations as messages give them onto where this service can read them: a mirror, a local copy, or
 * the embedded compose stand-in. Configured as {@code composes.location-rewrite = <prefix> -> <replacement>, ...};
 * the first rule whose prefix starts the location wins, and locations no rule matches are read where they are.
 */
public final class LocationRewrite {

    private record Rule(String prefix, Supplier<URI> replacement) {
    }

    private final List<Rule> rules;

    private LocationRewrite(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static LocationRewrite none() {
        return new LocationRewrite(List.of());
    }

    /** {@code "http://a/compose/ -> http://mirror/compose/, ..."}; blank means no rewriting. */
    public static LocationRewrite parse(String text) {
        List<Rule> rules = new ArrayList<>();
        if (text != null) {
            for (String part : text.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                int arrow = part.indexOf("->");
                if (arrow < 0) {
                    throw new IllegalArgumentException("composes.location-rewrite needs '<prefix> -> <replacement>', not '"
                            + part.strip() + "'");
                }
                URI to = URI.create(part.substring(arrow + 2).strip());
                rules.add(new Rule(part.substring(0, arrow).strip(), () -> to));
            }
        }
        return new LocationRewrite(rules);
    }

    /**
     * Adds a rule whose replacement is only known later (the embedded stand-in's port is chosen when it starts);
     * it is asked on first use.
     */
    public LocationRewrite with(String prefix, Supplier<URI> replacement) {
        List<Rule> all = new ArrayList<>(rules);
        all.add(new Rule(Objects.requireNonNull(prefix), Objects.requireNonNull(replacement)));
        return new LocationRewrite(all);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    public ComposeLocation apply(ComposeLocation location) {
        return new ComposeLocation(apply(location.uri()));
    }

    /** Any URL under a rewritten prefix (the compose root too). */
    public URI apply(URI uri) {
        String text = uri.toString();
        for (Rule rule : rules) {
            if (text.startsWith(rule.prefix())) {
                String target = rule.replacement().get().toString();
                String rest = text.substring(rule.prefix().length());
                if (target.endsWith("/") && rest.startsWith("/")) {
                    rest = rest.substring(1);
                }
                return URI.create(target + rest);
            }
        }
        return uri;
    }
}
