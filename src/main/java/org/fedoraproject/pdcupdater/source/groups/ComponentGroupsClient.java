package org.fedoraproject.pdcupdater.source.groups;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.fedoraproject.pdcupdater.source.distgit.DistGitClient;
import org.fedoraproject.pdcupdater.source.http.SourceException;

/**
 * Reads component groups (group type -> release -> package names) from package-list files in git,
 * through a {@link DistGitClient} pointed at the server that hosts them.
 */
public final class ComponentGroupsClient {

    /** Includes nest this deep at most; deeper means a mistake, not a real treefile. */
    static final int MAX_INCLUDE_DEPTH = 8;

    private final DistGitClient git;

    public ComponentGroupsClient(DistGitClient git) {
        this.git = git;
    }

    /**
     * The group for one release, or empty when the file is missing on that branch. The Python
     * handler skipped such a release with a warning, and so may callers.
     */
    public Optional<ComponentGroup> fetch(ComponentGroupSpec spec, String release) {
        String branch = spec.releases().get(release);
        if (branch == null) {
            throw new IllegalArgumentException("group " + spec.groupType() + " has no branch for " + release);
        }
        Optional<byte[]> top = git.rawFile(spec.repo(), branch, spec.path());
        if (top.isEmpty()) {
            return Optional.empty();
        }
        Set<String> names = new LinkedHashSet<>();
        if (spec.followIncludes()) {
            collectWithIncludes(spec, branch, top.get(), names);
        } else {
            names.addAll(PackageListFormat.packages(spec.path(), top.get(), spec.arches()));
        }
        return Optional.of(new ComponentGroup(spec.groupType(), release, branch, new ArrayList<>(names),
                git.rawUri(spec.repo(), branch, spec.path()).toString()));
    }

    /** Every release of every group that has a file; missing files are left out. */
    public List<ComponentGroup> fetchAll(List<ComponentGroupSpec> specs) {
        List<ComponentGroup> out = new ArrayList<>();
        for (ComponentGroupSpec spec : specs) {
            for (String release : spec.releases().keySet()) {
                fetch(spec, release).ifPresent(out::add);
            }
        }
        return out;
    }

    /** {@link #fetchAll} as group type -> release -> package names. */
    public Map<String, Map<String, List<String>>> byGroupAndRelease(List<ComponentGroupSpec> specs) {
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        for (ComponentGroup g : fetchAll(specs)) {
            out.computeIfAbsent(g.groupType(), k -> new LinkedHashMap<>()).put(g.release(), g.components());
        }
        return out;
    }

    /** Included files first (they are the base the including file adds to), each file once. */
    private void collectWithIncludes(ComponentGroupSpec spec, String branch, byte[] top, Set<String> names) {
        Set<String> seen = new HashSet<>();
        Deque<String> chain = new ArrayDeque<>();
        visit(spec, branch, spec.path(), top, names, seen, chain);
    }

    private void visit(ComponentGroupSpec spec, String branch, String path, byte[] content, Set<String> names,
            Set<String> seen, Deque<String> chain) {
        if (!seen.add(path)) {
            return;
        }
        chain.push(path);
        if (chain.size() > MAX_INCLUDE_DEPTH) {
            throw broken(spec, branch, "includes nest deeper than " + MAX_INCLUDE_DEPTH + ": " + chain);
        }
        for (String include : PackageListFormat.includes(path, content)) {
            String includePath = sibling(path, include);
            byte[] included = git.rawFile(spec.repo(), branch, includePath)
                    .orElseThrow(() -> broken(spec, branch, path + " includes " + includePath + ", which is missing"));
            visit(spec, branch, includePath, included, names, seen, chain);
        }
        names.addAll(PackageListFormat.packages(path, content, spec.arches()));
        chain.pop();
    }

    private static String sibling(String path, String include) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? include : path.substring(0, slash + 1) + include;
    }

    private SourceException broken(ComponentGroupSpec spec, String branch, String what) {
        String url = git.rawUri(spec.repo(), branch, spec.path()).toString();
        return new SourceException("component-groups", url, 200, false,
                "package list of group " + spec.groupType() + " on " + spec.repo() + "#" + branch + ": " + what, null);
    }
}
