package org.fedoraproject.pdcupdater.source.distgit;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.source.http.HttpSettings;
import org.fedoraproject.pdcupdater.source.http.JsonHttp;
import org.fedoraproject.pdcupdater.source.http.Urls;

/**
 * Reads git repositories served by Pagure: Fedora's dist-git ({@code https://src.fedoraproject.org/})
 * and pagure.io (where the fedora-atomic package list lived).
 * <ul>
 *   <li>Raw file: {@code <namespace>/<repo>/raw/<branch>/f/<path>}, the URL the Python retirement
 *       handler checked {@code dead.package} with (it used HEAD and read 200 as retired, 404 as not).
 *       Pagure answers 404 for an unknown repo, branch or file, and also for an <em>empty</em> file.</li>
 *   <li>Branches: {@code api/0/<namespace>/<repo>/git/branches}, answering
 *       {@code {"total_branches": 2, "branches": ["f27", "master"]}} (newer Pagure adds {@code default});
 *       404 {@code {"error": "Project not found", "error_code": "ENOPROJECT"}} for an unknown repo.</li>
 * </ul>
 * The Python example config also named a {@code blob/<branch>/f/<file>} check URL for live messages;
 * {@code raw} is used for every check here, since it answers with the file itself and no HTML page.
 */
public final class DistGitClient {

    /** The file whose presence on a branch means the package is retired there. */
    public static final String DEAD_PACKAGE = "dead.package";

    private final JsonHttp http;

    public DistGitClient(HttpClient client, HttpSettings settings) {
        this.http = new JsonHttp("dist-git", client, settings);
    }

    /** The repository's branches, or empty when there is no such repository. */
    public Optional<List<String>> branches(RepoRef repo) {
        URI uri = http.uri("api/0/" + repo.path() + "/git/branches", null);
        return http.getJson(uri).map(body -> {
            JsonNode branches = body.path("branches");
            List<String> names = new ArrayList<>();
            if (branches.isArray()) {
                branches.forEach(b -> names.add(b.asText()));
            } else if (branches.isObject()) {
                // with_commits=true form: {"branches": {"name": "commit hash"}}
                branches.fieldNames().forEachRemaining(names::add);
            } else {
                throw http.malformed(uri, "no branch list");
            }
            return List.copyOf(names);
        });
    }

    /** Whether {@code branch} exists; false also when the repository does not. */
    public boolean branchExists(RepoRef repo, String branch) {
        return branches(repo).map(b -> b.contains(branch)).orElse(false);
    }

    /** Whether {@code path} exists (and is not empty) on {@code branch}, asked with HEAD. */
    public boolean fileExists(RepoRef repo, String branch, String path) {
        return http.head(rawUri(repo, branch, path), status -> status == 200 || status == 404) == 200;
    }

    /** Whether the package is retired on {@code branch}: {@code dead.package} is there. */
    public boolean isRetired(RepoRef repo, String branch) {
        return fileExists(repo, branch, DEAD_PACKAGE);
    }

    /** The file's bytes, or empty when the repository, branch or file does not exist. */
    public Optional<byte[]> rawFile(RepoRef repo, String branch, String path) {
        return http.getBytes(rawUri(repo, branch, path));
    }

    /** The file as UTF-8 text. */
    public Optional<String> rawText(RepoRef repo, String branch, String path) {
        return rawFile(repo, branch, path).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** The URL a file is read from, for messages and for callers that must report it. */
    public URI rawUri(RepoRef repo, String branch, String path) {
        return http.uri(repo.path() + "/raw/" + Urls.segment(branch) + "/f/" + Urls.path(path), null);
    }
}
