package org.fedoraproject.pdcupdater.handler.depchain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcResource;

/**
 * Answers "which source package (component) of a release provides this?" from PDC's {@code rpms/}.
 *
 * <p>Why PDC and not Koji: Koji keeps each RPM's provides in its header and has no reverse lookup, so
 * answering one requirement from Koji means reading the provides of every RPM tagged into the release
 * (tens of thousands of calls, and an index of a million strings in memory). PDC's {@code rpms/} has
 * the reverse lookup as a filter ({@code provides=}, contract 2.17), and {@code linked_release=}
 * restricts it to the release. The original pdc-updater resolved nothing (it stored the raw
 * requirement strings as component names); this is what the design asks for instead.
 *
 * <p>Lookups, in order: RPMs of the release whose {@code dependencies.provides} name the capability;
 * then, for a capability that is a plain package name, RPMs of the release with that name (RPM
 * always provides its own name, but PDC only knows provides the rpms writer recorded). The answer is
 * the set of their {@code srpm_name}s. File requirements ({@code /usr/bin/sh}) and rich dependencies
 * ({@code (a or b)}) are not resolved: PDC cannot answer them.
 *
 * <p>Answers are cached per instance, least recently used first out, at most {@code maxEntries}: an
 * audit of a release asks for {@code libc.so.6()(64bit)} thousands of times. Not thread-safe; make
 * one per handling or per audit run.
 */
public final class RpmProviders {

    private static final String RPMS = PdcResource.RPMS.path();

    private final PdcClient pdc;
    private final Map<String, Set<String>> cache;
    private long lookups;

    public RpmProviders(PdcClient pdc, int maxEntries) {
        this.pdc = pdc;
        this.cache = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The components (source package names) of {@code release} providing {@code capability}; may be empty. */
    public Set<String> providersOf(String release, String capability) {
        if (!isResolvable(capability)) {
            return Set.of();
        }
        return cache.computeIfAbsent(release + '\u0000' + capability, k -> lookUp(release, capability));
    }

    /**
     * The source package a binary RPM name belongs to in {@code release}, or the name itself when PDC has
     * no such RPM linked to the release (what the original did when mdapi did not know the package).
     */
    public String sourceOf(String release, String rpmName) {
        Set<String> sources = cache.computeIfAbsent(release + "\u0000=" + rpmName,
                k -> srpmNames(Map.of("name", "^" + escapeRegex(rpmName) + "$", "linked_release", release)));
        return sources.isEmpty() ? rpmName : sources.iterator().next();
    }

    /** PDC requests made so far (cache misses). */
    public long lookups() {
        return lookups;
    }

    /** Capabilities PDC's provides filter can take: one token, not a file path, not a rich dependency. */
    static boolean isResolvable(String capability) {
        return !capability.isEmpty() && !capability.startsWith("/") && !capability.startsWith("(")
                && capability.chars().noneMatch(Character::isWhitespace);
    }

    private Set<String> lookUp(String release, String capability) {
        Set<String> providers = srpmNames(Map.of("provides", capability, "linked_release", release));
        if (providers.isEmpty() && isPackageName(capability)) {
            providers = srpmNames(Map.of("name", "^" + escapeRegex(capability) + "$", "linked_release", release));
        }
        return providers;
    }

    private Set<String> srpmNames(Map<String, String> filter) {
        lookups++;
        Map<String, Object> query = new LinkedHashMap<>(filter);
        query.put("fields", "srpm_name");
        List<JsonNode> rpms = new ArrayList<>();
        try (var stream = pdc.stream(RPMS, query)) {
            stream.forEach(rpms::add);
        }
        Set<String> names = new TreeSet<>();
        rpms.forEach(r -> {
            String srpm = r.path("srpm_name").asText("");
            if (!srpm.isEmpty()) {
                names.add(srpm);
            }
        });
        return Collections.unmodifiableSet(names);
    }

    /** Package names are letters, digits and {@code -._+}; {@code libc.so.6()(64bit)} is not one. */
    private static boolean isPackageName(String capability) {
        return capability.matches("[A-Za-z0-9][A-Za-z0-9._+-]*");
    }

    /** PDC's name filter is an unanchored regular expression; escape so it matches literally. */
    static String escapeRegex(String literal) {
        StringBuilder sb = new StringBuilder(literal.length() + 8);
        for (char c : literal.toCharArray()) {
            if (".^$*+?()[]{}|\\".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
