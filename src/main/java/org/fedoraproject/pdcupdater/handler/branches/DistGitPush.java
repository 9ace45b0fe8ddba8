package org.fedoraproject.pdcupdater.handler.branches;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.InvalidMessageException;
import org.fedoraproject.pdcupdater.source.distgit.DistGitNamespaces;

/**
 * A dist-git {@code git.receive} message: one commit pushed to one branch ({@code msg.commit}). Messages before
 * dist-git had namespaces (2017) carry no {@code namespace}; their repositories were all {@code rpms}.
 *
 * <p>Other services publish topics ending in {@code git.receive} too ({@code io.pagure.prod.pagure.git.receive},
 * whose {@code msg} has no {@code commit} object); they are not dist-git pushes, and {@link #of} says so with an
 * empty result rather than an error.
 */
public record DistGitPush(DistGitBranch branch, JsonNode files) {

    /** The file a packager commits to retire a package on a branch. */
    public static final String DEAD_PACKAGE = "dead.package";

    /**
     * @return empty when the message is not a dist-git push (no {@code commit} object)
     * @throws InvalidMessageException when it has a commit without a repository or branch name
     */
    public static Optional<DistGitPush> of(FedmsgEnvelope message) {
        JsonNode commit = message.msg().path("commit");
        if (!commit.isObject()) {
            return Optional.empty();
        }
        String repo = text(commit, "repo");
        String branch = text(commit, "branch");
        if (repo == null || branch == null) {
            throw new InvalidMessageException("git.receive " + message.msgId() + ": commit without repo or branch");
        }
        String namespace = text(commit, "namespace");
        return Optional.of(new DistGitPush(
                new DistGitBranch(namespace == null ? DistGitNamespaces.RPMS : namespace, repo, branch),
                commit.path("stats").path("files")));
    }

    /**
     * Whether the commit added lines to {@code path}: its {@code stats.files} entry counts {@code additions} (what
     * the Python retirement handler read) or {@code insertions} (what every archived dist-git message records).
     * A commit that only deletes lines of the file (an un-retirement removes {@code dead.package}) does not count.
     */
    public boolean addsTo(String path) {
        JsonNode stats = files.path(path);
        if (!stats.isObject()) {
            return false;
        }
        return stats.path("additions").asLong(0) > 0 || stats.path("insertions").asLong(0) > 0;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
