package org.fedoraproject.pdcupdater.handler.branches;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.resource.ComponentBranches;
import org.fedoraproject.pdcupdater.pdc.resource.ComponentBranches.SlaLink;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.source.distgit.DistGitClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure PDC has a dist-git branch with its default SLAs: the global component (a push implies the package
 * exists), the SLA types, and one {@code component-branch-slas/} link per default SLA, which creates the branch
 * itself when missing (contract 2.15). Only what is missing is written, so it is safe to repeat.
 *
 * <p>Fedora's push messages do not say whether a push created the branch, so every push is "ensure": one read
 * of the branch when it is there already, which is nearly always.
 */
public final class BranchProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(BranchProvisioner.class);

    /** What {@link #ensure} did. */
    public enum Status {
        /** PDC had every default SLA of the branch already. */
        UNCHANGED,
        /** Some SLA links (and perhaps the branch) were created. */
        CREATED,
        /** PDC has no such branch and dist-git neither (a replayed push to a branch deleted since): nothing done. */
        NOT_IN_DIST_GIT
    }

    /**
     * @param links   the branch's SLA links afterwards (those read plus those created)
     * @param created how many SLA links this call created
     */
    public record Result(Status status, List<SlaLink> links, int created) {
    }

    private final Pdc pdc;
    private final DistGitClient distGit;
    private final BranchSlaPolicy policy;
    /** SLA types known to exist in PDC; they are never deleted, so remembering them saves a read per branch. */
    private final Set<String> knownSlaTypes = ConcurrentHashMap.newKeySet();

    public BranchProvisioner(Pdc pdc, DistGitClient distGit, BranchSlaPolicy policy) {
        this.pdc = Objects.requireNonNull(pdc, "pdc");
        this.distGit = Objects.requireNonNull(distGit, "distGit");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public BranchSlaPolicy policy() {
        return policy;
    }

    /**
     * Gives {@code branch} in PDC every default SLA it lacks.
     *
     * @param type              the PDC branch type
     * @param confirmInDistGit  ask dist-git before creating a branch PDC lacks (for messages, which may be old
     *                          replays); initialize and audit already have the branch from dist-git
     */
    public Result ensure(DistGitBranch branch, String type, SlaDefaults defaults, boolean confirmInDistGit,
                         ChangeComment comment) {
        ComponentBranches branches = pdc.componentBranches();
        Optional<ComponentBranches.Branch> existing = branches.find(branch.repo(), branch.branch(), type);
        List<SlaLink> links = new ArrayList<>(existing.map(b -> b.slas() == null ? List.<SlaLink>of() : b.slas())
                .orElse(List.of()));
        List<DefaultSla> missing = defaults.slas().stream()
                .filter(d -> links.stream().noneMatch(l -> d.sla().equals(l.sla())))
                .toList();
        if (missing.isEmpty()) {
            return new Result(Status.UNCHANGED, links, 0);
        }
        if (existing.isEmpty() && confirmInDistGit && !distGit.branchExists(branch.repoRef(), branch.branch())) {
            LOG.info("{} is not in dist-git (deleted since the push?); not creating it in PDC", branch);
            return new Result(Status.NOT_IN_DIST_GIT, links, 0);
        }
        pdc.globalComponents().ensure(branch.repo(), comment);
        LocalDate cap = earlyEnd(links, defaults);
        for (DefaultSla sla : missing) {
            ensureSlaType(sla.sla(), comment);
            LocalDate eol = cap != null && cap.isBefore(sla.eol()) ? cap : sla.eol();
            ComponentBranches.BranchSla made = branches.ensureSla(sla.sla(), eol, branch.repo(), branch.branch(),
                    type, null, comment);
            links.add(new SlaLink(made.id(), made.sla(), made.eol()));
        }
        LOG.info("{}: default SLAs {} ensured in PDC ({})", branch, missing.stream().map(DefaultSla::sla).toList(),
                comment);
        return new Result(Status.CREATED, List.copyOf(links), missing.size());
    }

    /**
     * The earliest eol of an existing link that ends before its default: the branch was ended early (retired), and
     * a link added now must not bring it back to life. Null when nothing was cut short.
     */
    private static LocalDate earlyEnd(List<SlaLink> links, SlaDefaults defaults) {
        LocalDate cap = null;
        for (SlaLink link : links) {
            Optional<DefaultSla> normal = defaults.sla(link.sla());
            LocalDate eol = LocalDate.parse(link.eol());
            if (normal.isPresent() && eol.isBefore(normal.get().eol()) && (cap == null || eol.isBefore(cap))) {
                cap = eol;
            }
        }
        return cap;
    }

    private void ensureSlaType(String sla, ChangeComment comment) {
        if (!knownSlaTypes.contains(sla)) {
            pdc.componentBranches().ensureSlaType(sla, policy.slaTypeDescription(sla), comment);
            knownSlaTypes.add(sla);
        }
    }
}
