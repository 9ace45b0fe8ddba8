package org.fedoraproject.pdcupdater.sandbox.standin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Speaks the part of Pagure that pdc-updater reads (mounted where {@code https://src.fedoraproject.org/}
 * or {@code https://pagure.io/} would be):
 * <ul>
 *   <li>{@code [<namespace>/]<repo>/raw/<branch>/f/<path>}, GET and HEAD: the file, or 404 for an
 *       unknown repo, branch or file and, like Pagure, for an empty file.</li>
 *   <li>{@code api/0/[<namespace>/]<repo>/git/branches[?with_commits=true]}:
 *       {@code {"total_branches": n, "branches": [...], "default": "master"}}; 404
 *       {@code {"error": "Project not found", "error_code": "ENOPROJECT"}}.</li>
 * </ul>
 * Data: {@code distgit.json}: {@code {"repos": [{"namespace": "rpms", "name": "valgrind",
 * "branches": {"master": {"valgrind.spec": "text"}}}]}}; a repo without {@code namespace} is a
 * top-level Pagure project (pagure.io's {@code fedora-atomic}).
 */
public final class DistGitStandin extends JsonStandin {

    public static final String DATA_FILE = "distgit.json";
    public static final String DEAD_PACKAGE = "dead.package";

    /** branch -> path -> content */
    private final NavigableMap<String, NavigableMap<String, NavigableMap<String, byte[]>>> repos =
            new ConcurrentSkipListMap<>();

    public static DistGitStandin empty() {
        return new DistGitStandin();
    }

    public static DistGitStandin load(Path directory) {
        DistGitStandin standin = new DistGitStandin();
        for (JsonNode repo : StandinData.load(DATA_FILE, directory).path("repos")) {
            String namespace = repo.hasNonNull("namespace") ? repo.get("namespace").asText() : null;
            String name = repo.path("name").asText();
            standin.putRepo(namespace, name);
            for (Iterator<Map.Entry<String, JsonNode>> b = repo.path("branches").fields(); b.hasNext();) {
                Map.Entry<String, JsonNode> branch = b.next();
                standin.putBranch(namespace, name, branch.getKey());
                for (Iterator<Map.Entry<String, JsonNode>> f = branch.getValue().fields(); f.hasNext();) {
                    Map.Entry<String, JsonNode> file = f.next();
                    standin.putFile(namespace, name, branch.getKey(), file.getKey(), file.getValue().asText());
                }
            }
        }
        return standin;
    }

    // ---- programmatic changes -------------------------------------------------------------

    public DistGitStandin putRepo(String namespace, String name) {
        repos.computeIfAbsent(key(namespace, name), k -> new ConcurrentSkipListMap<>());
        return this;
    }

    public boolean removeRepo(String namespace, String name) {
        return repos.remove(key(namespace, name)) != null;
    }

    /** Creates the branch (and the repo if needed); an existing branch keeps its files. */
    public DistGitStandin putBranch(String namespace, String name, String branch) {
        putRepo(namespace, name);
        repos.get(key(namespace, name)).computeIfAbsent(branch, k -> new ConcurrentSkipListMap<>());
        return this;
    }

    public boolean removeBranch(String namespace, String name, String branch) {
        NavigableMap<String, NavigableMap<String, byte[]>> repo = repos.get(key(namespace, name));
        return repo != null && repo.remove(branch) != null;
    }

    /** Writes a file (creating repo and branch if needed). */
    public DistGitStandin putFile(String namespace, String name, String branch, String path, String content) {
        putBranch(namespace, name, branch);
        repos.get(key(namespace, name)).get(branch).put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public boolean removeFile(String namespace, String name, String branch, String path) {
        NavigableMap<String, NavigableMap<String, byte[]>> repo = repos.get(key(namespace, name));
        NavigableMap<String, byte[]> files = repo == null ? null : repo.get(branch);
        return files != null && files.remove(path) != null;
    }

    /** Retires the package on a branch the way packagers do: commit a {@code dead.package} with a reason. */
    public DistGitStandin retire(String namespace, String name, String branch, String reason) {
        return putFile(namespace, name, branch, DEAD_PACKAGE, reason.endsWith("\n") ? reason : reason + "\n");
    }

    public boolean unretire(String namespace, String name, String branch) {
        return removeFile(namespace, name, branch, DEAD_PACKAGE);
    }

    public List<String> branches(String namespace, String name) {
        NavigableMap<String, NavigableMap<String, byte[]>> repo = repos.get(key(namespace, name));
        return repo == null ? List.of() : List.copyOf(repo.keySet());
    }

    public List<String> repoNames() {
        return List.copyOf(repos.keySet());
    }

    // ---- HTTP -------------------------------------------------------------------------------

    @Override
    protected void serve(StandinExchange ex) throws IOException {
        List<String> s = ex.segments();
        if (s.size() >= 4 && s.get(0).equals("api") && s.get(1).equals("0")
                && s.get(s.size() - 2).equals("git") && s.get(s.size() - 1).equals("branches")
                && (s.size() == 5 || s.size() == 6)) {
            String namespace = s.size() == 6 ? s.get(2) : null;
            branchList(ex, namespace, s.get(s.size() - 3));
            return;
        }
        int raw = s.indexOf("raw");
        if ((raw == 1 || raw == 2) && s.size() >= raw + 4 && s.get(raw + 2).equals("f")) {
            String namespace = raw == 2 ? s.get(0) : null;
            String name = s.get(raw - 1);
            String path = String.join("/", s.subList(raw + 3, s.size()));
            rawFile(ex, namespace, name, s.get(raw + 1), path);
            return;
        }
        ex.sendText(404, "Not Found");
    }

    private void branchList(StandinExchange ex, String namespace, String name) throws IOException {
        NavigableMap<String, NavigableMap<String, byte[]>> repo = repos.get(key(namespace, name));
        if (repo == null) {
            ex.sendJson(404, JSON.createObjectNode().put("error", "Project not found").put("error_code", "ENOPROJECT"));
            return;
        }
        boolean withCommits = ex.flag("with_commits", false);
        ObjectNode body = JSON.createObjectNode().put("total_branches", repo.size());
        String defaultBranch = repo.containsKey("master") ? "master" : repo.isEmpty() ? null : repo.firstKey();
        if (withCommits) {
            ObjectNode branches = body.putObject("branches");
            repo.forEach((branch, files) -> branches.put(branch, fakeCommit(files)));
            ObjectNode def = body.putObject("default");
            if (defaultBranch != null) {
                def.put(defaultBranch, fakeCommit(repo.get(defaultBranch)));
            }
        } else {
            ArrayNode branches = body.putArray("branches");
            repo.keySet().forEach(branches::add);
            body.put("default", defaultBranch);
        }
        ex.sendJson(200, body);
    }

    private void rawFile(StandinExchange ex, String namespace, String name, String branch, String path)
            throws IOException {
        NavigableMap<String, NavigableMap<String, byte[]>> repo = repos.get(key(namespace, name));
        NavigableMap<String, byte[]> files = repo == null ? null : repo.get(branch);
        byte[] content = files == null ? null : files.get(path);
        if (content == null || content.length == 0) {
            // Pagure aborts with 404 for a missing file and for an empty one ("No content found").
            ex.send(404, "text/html; charset=utf-8",
                    "<html><body><h1>Page not found :'(</h1></body></html>".getBytes(StandardCharsets.UTF_8));
            return;
        }
        ex.send(200, path.endsWith(".json") ? "application/json" : "text/plain; charset=utf-8", content);
    }

    /** A stable stand-in for a commit hash: the SHA-1 of the branch's files. */
    private static String fakeCommit(NavigableMap<String, byte[]> files) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            files.forEach((path, content) -> {
                sha1.update(path.getBytes(StandardCharsets.UTF_8));
                sha1.update(content);
            });
            return HexFormat.of().formatHex(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(String namespace, String name) {
        return namespace == null ? name : namespace + "/" + name;
    }
}
