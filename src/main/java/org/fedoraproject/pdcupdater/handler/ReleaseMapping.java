package org.fedoraproject.pdcupdater.handler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the names the source systems use to PDC release ids: dist-git/pkgdb branches
 * ({@code f25} → {@code fedora-25}, {@code master} → the rawhide release) and Koji tags
 * ({@code f26-updates} → {@code fedora-26-updates}). The tables are in
 * {@code config/release-mapping.properties} so release engineering can change them without a
 * build: an exact name wins over a pattern, patterns are tried in their numbered order.
 */
public final class ReleaseMapping {

    private record Rule(Pattern pattern, String replacement) {
    }

    private final Map<String, String> exactBranches;
    private final List<Rule> branchRules;
    private final Map<String, String> exactTags;
    private final List<Rule> tagRules;

    private ReleaseMapping(Properties properties) {
        this.exactBranches = exact(properties, "branch.");
        this.branchRules = rules(properties, "branch.pattern.");
        this.exactTags = exact(properties, "tag.");
        this.tagRules = rules(properties, "tag.pattern.");
    }

    public static ReleaseMapping load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read release mapping " + file, e);
        }
    }

    public static ReleaseMapping of(InputStream in) throws IOException {
        Properties properties = new Properties();
        properties.load(in);
        return new ReleaseMapping(properties);
    }

    /** The release a dist-git or pkgdb branch belongs to, if the mapping knows the branch. */
    public Optional<String> releaseForBranch(String branch) {
        return map(branch, exactBranches, branchRules);
    }

    /** The release a Koji tag feeds, if any: most tags (candidates, sidetags) feed none. */
    public Optional<String> releaseForTag(String tag) {
        return map(tag, exactTags, tagRules);
    }

    private static Optional<String> map(String name, Map<String, String> exact, List<Rule> rules) {
        if (name == null) {
            return Optional.empty();
        }
        String direct = exact.get(name);
        if (direct != null) {
            return Optional.of(direct);
        }
        for (Rule rule : rules) {
            Matcher m = rule.pattern().matcher(name);
            if (m.matches()) {
                return Optional.of(m.replaceFirst(rule.replacement()));
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> exact(Properties properties, String prefix) {
        Map<String, String> result = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix) && !key.startsWith(prefix + "pattern.")) {
                result.put(key.substring(prefix.length()), properties.getProperty(key).strip());
            }
        }
        return result;
    }

    /** {@code <prefix><n> = <regex> -> <replacement>}, in ascending n. */
    private static List<Rule> rules(Properties properties, String prefix) {
        Map<Integer, Rule> ordered = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                String value = properties.getProperty(key);
                int arrow = value.indexOf("->");
                if (arrow < 0) {
                    throw new IllegalArgumentException("release mapping " + key + " needs '<regex> -> <release>'");
                }
                ordered.put(Integer.parseInt(key.substring(prefix.length())),
                        new Rule(Pattern.compile(value.substring(0, arrow).strip()), value.substring(arrow + 2).strip()));
            }
        }
        return new ArrayList<>(ordered.values());
    }
}
