package org.fedoraproject.pdcupdater.handler.retirement;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.InvalidMessageException;
import org.fedoraproject.pdcupdater.handler.branches.DistGitBranch;
import org.fedoraproject.pdcupdater.handler.branches.DistGitPush;
import org.fedoraproject.pdcupdater.source.distgit.DistGitNamespaces;

/**
 * Reads which branch a message says was retired:
 * <ul>
 *   <li>a dist-git {@code git.receive} whose commit adds lines to {@code dead.package} (a commit that only deletes
 *       them is an un-retirement and says nothing here; a push without {@code dead.package} neither);</li>
 *   <li>pkgdb's {@code pkgdb.package.retire} ({@code package_listing.package.name} on
 *       {@code package_listing.collection.branchname}), from before dist-git held retirement.</li>
 * </ul>
 */
public final class RetirementNotice {

    private static final String PKGDB_RETIRE = "pkgdb.package.retire";

    private RetirementNotice() {
    }

    /**
     * @return the branch the message retires; empty for a message that retires nothing
     * @throws InvalidMessageException when a retirement message lacks the package or branch
     */
    public static Optional<DistGitBranch> of(FedmsgEnvelope message) {
        if (message.topic().endsWith(PKGDB_RETIRE)) {
            return fromPkgdb(message);
        }
        return DistGitPush.of(message).filter(p -> p.addsTo(DistGitPush.DEAD_PACKAGE)).map(DistGitPush::branch);
    }

    private static Optional<DistGitBranch> fromPkgdb(FedmsgEnvelope message) {
        JsonNode msg = message.msg();
        String retirement = text(msg, "retirement");
        if (retirement != null && !retirement.equals("retired")) {
            return Optional.empty(); // pkgdb also announced un-retirements on this topic
        }
        JsonNode listing = msg.path("package_listing");
        String name = text(listing.path("package"), "name");
        String branch = text(listing.path("collection"), "branchname");
        if (name == null || branch == null) {
            throw new InvalidMessageException(PKGDB_RETIRE + " " + message.msgId()
                    + ": no package_listing.package.name or package_listing.collection.branchname");
        }
        String namespace = text(listing.path("package"), "namespace");
        if (namespace == null) {
            namespace = text(msg, "namespace");
        }
        return Optional.of(new DistGitBranch(namespace == null ? DistGitNamespaces.RPMS : namespace, name, branch));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
