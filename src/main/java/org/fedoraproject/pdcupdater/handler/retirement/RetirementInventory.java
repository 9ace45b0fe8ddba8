package org.fedoraproject.pdcupdater.handler.retirement;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.fedoraproject.pdcupdater.audit.AuditReport;
import org.fedoraproject.pdcupdater.audit.Difference;
import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.handler.InitializeResult;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.handler.branches.BranchSlaPolicy;
import org.fedoraproject.pdcupdater.handler.branches.DistGitBranch;
import org.fedoraproject.pdcupdater.handler.branches.MissingSlaDefaultsException;
import org.fedoraproject.pdcupdater.handler.branches.SlaDefaults;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.resource.ComponentBranches.Branch;
import org.fedoraproject.pdcupdater.pdc.resource.ComponentBranches.SlaLink;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.source.distgit.DistGitClient;

/**
 * Retirement in dist-git ({@code dead.package} on the branch) against the SLA eols of PDC's branches, walking PDC's
 * branches a page at a time in id order (a stable order: retiring changes no row's place in it). Which branches
 * exist is the branches handler's audit; this one looks only at branches PDC has.
 * <ul>
 *   <li>retired in dist-git, an SLA still running in PDC: repaired by retiring the branch;</li>
 *   <li>not retired in dist-git, every SLA ended in PDC before its default end: reported only, since bringing a
 *       branch back is release engineering's decision (un-retirement needs their approval).</li>
 * </ul>
 */
final class RetirementInventory {

    private final Pdc pdc;
    private final DistGitClient distGit;
    private final BranchSlaPolicy policy;
    private final BranchRetirer retirer;

    RetirementInventory(Pdc pdc, DistGitClient distGit, BranchSlaPolicy policy, BranchRetirer retirer) {
        this.pdc = Objects.requireNonNull(pdc, "pdc");
        this.distGit = Objects.requireNonNull(distGit, "distGit");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.retirer = Objects.requireNonNull(retirer, "retirer");
    }

    AuditReport audit(String handler, AuditRequest request) {
        AuditReport report = new AuditReport(handler, request.keep());
        ChangeComment comment = ChangeComment.of("pdc-updater audit repair (" + handler + "): retired in dist-git");
        LocalDate today = retirer.today();
        long compared = 0;
        try (Stream<Branch> branches = allBranches()) {
            for (Branch b : (Iterable<Branch>) branches::iterator) {
                Optional<DistGitBranch> branch = DistGitBranch.ofPdc(b.type(), b.globalComponent(), b.name());
                if (branch.isEmpty()) {
                    continue;
                }
                compared++;
                LocalDate end = end(b);
                boolean endedInPdc = end == null || !end.isAfter(today);
                boolean retired = distGit.isRetired(branch.get().repoRef(), b.name());
                if (retired && !endedInPdc) {
                    report.accept(Difference.different(branch.get().key(), "retired in dist-git",
                            "active in PDC until " + end));
                    if (request.repair()) {
                        retirer.retire(branch.get(), b.type(), false, comment);
                    }
                } else if (!retired && endedInPdc && shouldBeActive(branch.get(), today)
                        && distGit.branchExists(branch.get().repoRef(), b.name())) {
                    report.accept(Difference.different(branch.get().key(), "active in dist-git",
                            end == null ? "no SLA in PDC" : "ended in PDC on " + end));
                }
                request.progress().advance(1);
            }
        }
        return report.finish(compared);
    }

    InitializeResult initialize(String handler, Progress progress) {
        ChangeComment comment = ChangeComment.of("pdc-updater initialize (" + handler + ")");
        LocalDate today = retirer.today();
        long examined = 0;
        long written = 0;
        try (Stream<Branch> branches = allBranches()) {
            for (Branch b : (Iterable<Branch>) branches::iterator) {
                Optional<DistGitBranch> branch = DistGitBranch.ofPdc(b.type(), b.globalComponent(), b.name());
                LocalDate end = end(b);
                if (branch.isEmpty() || end == null || !end.isAfter(today)) {
                    continue; // not dist-git's, or ended already
                }
                examined++;
                if (distGit.isRetired(branch.get().repoRef(), b.name())) {
                    written += retirer.retire(branch.get(), b.type(), false, comment).ended();
                }
                progress.advance(1);
            }
        }
        return new InitializeResult(handler, examined, written);
    }

    /** Every PDC branch, by id: not filtered by {@code active}, which retiring changes under the paging. */
    private Stream<Branch> allBranches() {
        return pdc.componentBranches().stream(Map.of("ordering", "id"));
    }

    /** When the branch's last SLA ends in PDC; null when it has none. */
    private static LocalDate end(Branch b) {
        List<SlaLink> slas = b.slas() == null ? List.of() : b.slas();
        return slas.stream().map(s -> LocalDate.parse(s.eol())).max(Comparator.naturalOrder()).orElse(null);
    }

    /** Whether the branch's release is still supported, so an ended branch means someone ended it early. */
    private boolean shouldBeActive(DistGitBranch branch, LocalDate today) {
        try {
            return policy.defaultsFor(branch.branch()).map(SlaDefaults::end).map(e -> e.isAfter(today)).orElse(false);
        } catch (MissingSlaDefaultsException e) {
            return false;
        }
    }
}
