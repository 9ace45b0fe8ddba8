package org.fedoraproject.pdcupdater.handler.retirement;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.handler.branches.BranchProvisioner;
import org.fedoraproject.pdcupdater.handler.branches.DistGitBranch;
import org.fedoraproject.pdcupdater.handler.branches.SlaDefaults;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcResource;
import org.fedoraproject.pdcupdater.pdc.resource.ComponentBranches.SlaLink;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.source.distgit.DistGitClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retires a branch in PDC the way Fedora did: every SLA of the branch ends today (UTC), by PATCHing the
 * {@code eol} of its {@code component-branch-slas/} links. An SLA that ends earlier already keeps its date: the new
 * eol is {@code min(existing, today)}, so retiring never extends anything and repeating it changes nothing.
 */
public final class BranchRetirer {

    private static final Logger LOG = LoggerFactory.getLogger(BranchRetirer.class);

    public enum Status {
        /** Some SLA links were ended today. */
        RETIRED,
        /** Every SLA of the branch had ended already. */
        ALREADY_ENDED,
        /** dist-git has no {@code dead.package} on the branch (now): a merged-over commit or a later un-retirement. */
        NOT_RETIRED_IN_DIST_GIT,
        /** PDC has no such branch and the branch belongs to no release, so PDC does not track it. */
        NOT_TRACKED
    }

    public record Result(Status status, int ended) {
    }

    private final Pdc pdc;
    private final DistGitClient distGit;
    private final BranchProvisioner provisioner;
    private final Clock clock;

    public BranchRetirer(Pdc pdc, DistGitClient distGit, BranchProvisioner provisioner, Clock clock) {
        this.pdc = Objects.requireNonNull(pdc, "pdc");
        this.distGit = Objects.requireNonNull(distGit, "distGit");
        this.provisioner = Objects.requireNonNull(provisioner, "provisioner");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Today in UTC, the day PDC's {@code active} is computed against. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /**
     * Ends the branch's SLAs today. A branch PDC lacks is first created with its default SLAs (the branch exists in
     * dist-git, since it holds a {@code dead.package}), so PDC ends up the same whichever message comes first.
     *
     * @param confirmInDistGit check that {@code dead.package} is on the branch right now, as the Python handler did
     *                         (a push can carry an old retirement commit merged from another branch)
     */
    public Result retire(DistGitBranch branch, String type, boolean confirmInDistGit, ChangeComment comment) {
        if (confirmInDistGit && !distGit.isRetired(branch.repoRef(), branch.branch())) {
            LOG.info("{} has no {} in dist-git now; not retiring it ({})", branch, DistGitClient.DEAD_PACKAGE, comment);
            return new Result(Status.NOT_RETIRED_IN_DIST_GIT, 0);
        }
        Optional<List<SlaLink>> links = freshLinks(branch, type);
        if (links.isEmpty()) {
            Optional<SlaDefaults> defaults = provisioner.policy().defaultsFor(branch.branch());
            if (defaults.isEmpty()) {
                LOG.info("{} belongs to no release and is not in PDC; nothing to retire", branch);
                return new Result(Status.NOT_TRACKED, 0);
            }
            links = Optional.of(provisioner.ensure(branch, type, defaults.get(), false, comment).links());
        }
        int ended = endToday(links.get(), comment);
        if (ended > 0) {
            LOG.info("{} retired in PDC: {} SLA(s) end {} ({})", branch, ended, today(), comment);
        }
        return new Result(ended > 0 ? Status.RETIRED : Status.ALREADY_ENDED, ended);
    }

    /** PATCHes {@code eol = today} on every link that ends later; returns how many. */
    int endToday(List<SlaLink> links, ChangeComment comment) {
        LocalDate today = today();
        int ended = 0;
        for (SlaLink link : links) {
            if (LocalDate.parse(link.eol()).isAfter(today)) {
                pdc.componentBranches().setEol(link.id(), today, comment);
                ended++;
            }
        }
        return ended;
    }

    /**
     * The branch's SLA links read past PDC's 30 s GET cache: the branches handler may have created them a moment ago
     * for the same push, and a stale "no links" would leave the branch active.
     */
    Optional<List<SlaLink>> freshLinks(DistGitBranch branch, String type) {
        return pdc.client().findOneFresh(PdcResource.COMPONENT_BRANCHES.path(),
                Map.of("global_component", branch.repo(), "name", branch.branch(), "type", type))
                .map(BranchRetirer::links);
    }

    private static List<SlaLink> links(JsonNode branch) {
        List<SlaLink> links = new ArrayList<>();
        for (JsonNode sla : branch.path("slas")) {
            links.add(new SlaLink(sla.path("id").asInt(), sla.path("sla").asText(), sla.path("eol").asText()));
        }
        return links;
    }
}
