package org.fedoraproject.pdcupdater.source.groups;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.source.http.JsonHttp;

/**
 * Reads package names out of a package-list file.
 * <ul>
 *   <li>{@code *.json}: an rpm-ostree treefile, like fedora-atomic's
 *       {@code fedora-atomic-docker-host.json}: names under {@code packages}, and under
 *       {@code packages-<arch>} for the arches asked for. An entry may hold several names
 *       separated by spaces ({@code "strace lsof"}), as treefiles allow. {@link #includes} gives
 *       the files named by {@code include} (a string, or a list in newer rpm-ostree).</li>
 *   <li>anything else: plain text, one name per line (several per line allowed), {@code #} comments.</li>
 * </ul>
 * Names are returned once each, in file order.
 */
public final class PackageListFormat {

    private PackageListFormat() {
    }

    public static boolean isTreefile(String path) {
        return path.endsWith(".json");
    }

    /** Package names in {@code content}; {@code arches} selects {@code packages-<arch>} lists. */
    public static List<String> packages(String path, byte[] content, List<String> arches) {
        Set<String> names = new LinkedHashSet<>();
        if (isTreefile(path)) {
            JsonNode tree = parseTreefile(path, content);
            addEntries(tree.path("packages"), names);
            for (String arch : arches) {
                addEntries(tree.path("packages-" + arch), names);
            }
        } else {
            for (String line : new String(content, StandardCharsets.UTF_8).split("\\R")) {
                int hash = line.indexOf('#');
                addWords(hash < 0 ? line : line.substring(0, hash), names);
            }
        }
        return List.copyOf(names);
    }

    /** The files a treefile includes, relative to its own directory; none for plain text. */
    public static List<String> includes(String path, byte[] content) {
        if (!isTreefile(path)) {
            return List.of();
        }
        JsonNode include = parseTreefile(path, content).path("include");
        List<String> out = new ArrayList<>();
        if (include.isTextual()) {
            out.add(include.asText());
        } else if (include.isArray()) {
            include.forEach(i -> out.add(i.asText()));
        }
        return out;
    }

    private static JsonNode parseTreefile(String path, byte[] content) {
        try {
            JsonNode tree = JsonHttp.mapper().readTree(content);
            if (tree == null || !tree.isObject()) {
                throw new IllegalArgumentException(path + " is not a JSON object");
            }
            return tree;
        } catch (IOException e) {
            throw new IllegalArgumentException(path + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static void addEntries(JsonNode list, Set<String> names) {
        if (list.isArray()) {
            list.forEach(entry -> addWords(entry.asText(), names));
        }
    }

    private static void addWords(String text, Set<String> names) {
        for (String word : text.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                names.add(word);
            }
        }
    }
}
