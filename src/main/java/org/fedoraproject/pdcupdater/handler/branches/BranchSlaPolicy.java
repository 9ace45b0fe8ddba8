package org.fedoraproject.pdcupdater.handler.branches;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

import org.fedoraproject.pdcupdater.handler.ReleaseMapping;

/**
 * Which SLAs a dist-git branch has by default, read from {@code config/branch-slas.properties}: an exact
 * {@code branch.<name>} entry, else the entry of the branch's release ({@link ReleaseMapping#releaseForBranch}).
 * The table is checked when loaded (dates, SLA names), so a typo stops the service at start instead of turning
 * every message into a dead letter.
 */
public final class BranchSlaPolicy {

    private final ReleaseMapping releases;
    private final Map<String, List<DefaultSla>> byBranch;
    private final Map<String, List<DefaultSla>> byRelease;
    private final Map<String, String> slaTypes;

    private BranchSlaPolicy(ReleaseMapping releases, Properties properties) {
        this.releases = Objects.requireNonNull(releases, "releases");
        this.byBranch = table(properties, "branch.");
        this.byRelease = table(properties, "release.");
        Map<String, String> types = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("sla-type.")) {
                types.put(key.substring("sla-type.".length()), properties.getProperty(key).strip());
            }
        }
        this.slaTypes = Map.copyOf(types);
    }

    public static BranchSlaPolicy load(Path file, ReleaseMapping releases) {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in, releases);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read branch SLA table " + file, e);
        }
    }

    public static BranchSlaPolicy of(InputStream in, ReleaseMapping releases) throws IOException {
        Properties properties = new Properties();
        properties.load(in);
        return new BranchSlaPolicy(releases, properties);
    }

    /**
     * The default SLAs of {@code branch}; empty when the branch belongs to no release (private branches, module
     * streams): such branches are not tracked in PDC.
     *
     * @throws MissingSlaDefaultsException when the branch has a release that the table does not list
     */
    public Optional<SlaDefaults> defaultsFor(String branch) {
        List<DefaultSla> exact = byBranch.get(branch);
        if (exact != null) {
            return Optional.of(new SlaDefaults(branch, null, exact));
        }
        Optional<String> release = releases.releaseForBranch(branch);
        if (release.isEmpty()) {
            return Optional.empty();
        }
        List<DefaultSla> slas = byRelease.get(release.get());
        if (slas == null) {
            throw new MissingSlaDefaultsException(branch, release.get());
        }
        return Optional.of(new SlaDefaults(branch, release.get(), slas));
    }

    /** The description to create an SLA type with in PDC; its name when the table has none. */
    public String slaTypeDescription(String sla) {
        return slaTypes.getOrDefault(sla, sla);
    }

    private static Map<String, List<DefaultSla>> table(Properties properties, String prefix) {
        Map<String, List<DefaultSla>> result = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                result.put(key.substring(prefix.length()), parse(key, properties.getProperty(key)));
            }
        }
        return Map.copyOf(result);
    }

    /** {@code security_fixes:2018-07-01, bug_fixes:2018-07-01}. */
    private static List<DefaultSla> parse(String key, String value) {
        List<DefaultSla> slas = new ArrayList<>();
        for (String item : value.split(",")) {
            String entry = item.strip();
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("branch SLA table " + key + ": '" + entry
                        + "' is not <sla>:<YYYY-MM-DD>");
            }
            String sla = entry.substring(0, colon).strip();
            try {
                slas.add(new DefaultSla(sla, LocalDate.parse(entry.substring(colon + 1).strip())));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("branch SLA table " + key + ": bad date in '" + entry + "'", e);
            }
            if (slas.stream().filter(s -> s.sla().equals(sla)).count() > 1) {
                throw new IllegalArgumentException("branch SLA table " + key + " names " + sla + " twice");
            }
        }
        return List.copyOf(slas);
    }
}
