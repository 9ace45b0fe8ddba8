package org.fedoraproject.pdcupdater.handler.groups;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.handler.InvalidMessageException;
import org.fedoraproject.pdcupdater.source.distgit.RepoRef;

/**
 * The repository and branch of a {@code git.receive} / {@code trac.git.receive} message
 * ({@code msg.commit.repo}, {@code .namespace}, {@code .branch}). Namespaces came later in dist-git:
 * a message without one means {@code rpms} there, and a namespace-less project elsewhere.
 */
public record GitPush(String namespace, String repo, String branch) {

    public static GitPush fromMessage(JsonNode msg) {
        JsonNode commit = msg.path("commit");
        String repo = text(commit, "repo");
        if (repo == null) {
            throw new InvalidMessageException("git push message without commit.repo");
        }
        return new GitPush(text(commit, "namespace"), repo, text(commit, "branch"));
    }

    /** Whether the push went to {@code ref}. */
    public boolean isTo(RepoRef ref) {
        if (!ref.name().equals(repo)) {
            return false;
        }
        if (namespace == null) {
            return ref.namespace() == null || "rpms".equals(ref.namespace());
        }
        return namespace.equals(ref.namespace());
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }
}
