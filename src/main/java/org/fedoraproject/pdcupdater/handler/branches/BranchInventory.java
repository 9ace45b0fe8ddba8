package org.fedoraproject.pdcupdater.handler.branches;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.fedoraproject.pdcupdater.audit.AuditReport;
import org.fedoraproject.pdcupdater.audit.Difference;
import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.handler.InitializeResult;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.resource.ComponentBranches.Branch;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.source.distgit.DistGitClient;
import org.fedoraproject.pdcupdater.source.distgit.DistGitNamespaces;
import org.fedoraproject.pdcupdater.source.distgit.RepoRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which branches dist-git has against which PDC has, one repository at a time (the repository's branches and its
 * PDC branches are all that is in memory, plus the set of repository names already compared).
 * <ol>
 *   <li>Every repository pkgdb lists: its dist-git branches that have default SLAs must be PDC branches
 *       (absent: repaired by creating them with their default SLAs); its PDC branches must be dist-git
 *       branches (absent from dist-git: reported only, since deleting PDC history needs a person).</li>
 *   <li>Every PDC branch of a repository pkgdb does not list is checked against dist-git the same way.</li>
 * </ol>
 * Whether a branch is retired is the retirement handler's audit.
 */
final class BranchInventory {

    private static final Logger LOG = LoggerFactory.getLogger(BranchInventory.class);

    private final Pdc pdc;
    private final DistGitClient distGit;
    private final DistGitPackages packages;
    private final BranchProvisioner provisioner;

    BranchInventory(Pdc pdc, DistGitClient distGit, DistGitPackages packages, BranchProvisioner provisioner) {
        this.pdc = Objects.requireNonNull(pdc, "pdc");
        this.distGit = Objects.requireNonNull(distGit, "distGit");
        this.packages = Objects.requireNonNull(packages, "packages");
        this.provisioner = Objects.requireNonNull(provisioner, "provisioner");
    }

    AuditReport audit(String handler, AuditRequest request) {
        AuditReport report = new AuditReport(handler, request.keep());
        ChangeComment comment = ChangeComment.of("pdc-updater audit repair (" + handler + "): missing branch");
        Set<String> compared = new HashSet<>();
        AtomicLong branchesCompared = new AtomicLong();
        Set<String> unknownReleases = new TreeSet<>();
        try (Stream<RepoRef> repos = packages.all()) {
            repos.forEach(repo -> {
                String type = DistGitNamespaces.pdcType(repo.namespace()).orElseThrow();
                compared.add(type + "/" + repo.name());
                List<Branch> inPdc = pdc.componentBranches().list(Map.of("global_component", repo.name(), "type", type));
                branchesCompared.addAndGet(compare(repo, type, inPdc, request.repair(), report, comment, unknownReleases));
                request.progress().advance(1);
            });
        }
        // Pass 2: PDC branches of repositories pkgdb does not list. PDC orders branches by component name, so one
        // component's branches arrive together.
        try (Stream<Branch> all = pdc.componentBranches().stream(Map.of())) {
            List<Branch> group = new ArrayList<>();
            all.forEach(b -> {
                if (!group.isEmpty() && !group.get(0).globalComponent().equals(b.globalComponent())) {
                    branchesCompared.addAndGet(compareUnlisted(group, compared, report, comment, request, unknownReleases));
                    group.clear();
                }
                group.add(b);
            });
            branchesCompared.addAndGet(compareUnlisted(group, compared, report, comment, request, unknownReleases));
        }
        warnUnknown(unknownReleases);
        return report.finish(branchesCompared.get());
    }

    InitializeResult initialize(String handler, Progress progress) {
        ChangeComment comment = ChangeComment.of("pdc-updater initialize (" + handler + ")");
        long examined = 0;
        long written = 0;
        Set<String> unknownReleases = new TreeSet<>();
        try (Stream<RepoRef> repos = packages.all()) {
            for (RepoRef repo : (Iterable<RepoRef>) repos::iterator) {
                for (String name : distGit.branches(repo).orElse(List.of())) {
                    DistGitBranch branch = new DistGitBranch(repo.namespace(), repo.name(), name);
                    Optional<SlaDefaults> defaults = defaultsOf(branch, unknownReleases);
                    examined++;
                    if (defaults.isPresent()) {
                        written += provisioner.ensure(branch, branch.pdcType().orElseThrow(), defaults.get(), false,
                                comment).created();
                    }
                }
                progress.advance(1);
            }
        }
        warnUnknown(unknownReleases);
        return new InitializeResult(handler, examined, written);
    }

    /** Compares one repository's dist-git branches with its PDC branches of one type; returns branches compared. */
    private long compare(RepoRef repo, String type, List<Branch> inPdc, boolean repair, AuditReport report,
                         ChangeComment comment, Set<String> unknownReleases) {
        List<String> inDistGit = distGit.branches(repo).orElse(List.of());
        Set<String> keys = new TreeSet<>(inDistGit);
        Set<String> pdcNames = new HashSet<>();
        for (Branch b : inPdc) {
            pdcNames.add(b.name());
            keys.add(b.name());
        }
        for (String name : inDistGit) {
            DistGitBranch branch = new DistGitBranch(repo.namespace(), repo.name(), name);
            if (pdcNames.contains(name)) {
                continue;
            }
            Optional<SlaDefaults> defaults = defaultsOf(branch, unknownReleases);
            if (defaults.isEmpty()) {
                continue; // not a branch PDC tracks
            }
            report.accept(Difference.absentFromPdc(branch.key(), "dist-git branch (default SLAs "
                    + defaults.get().slas() + ")"));
            if (repair) {
                provisioner.ensure(branch, type, defaults.get(), false, comment);
            }
        }
        for (Branch b : inPdc) {
            if (!inDistGit.contains(b.name())) {
                report.accept(Difference.absentFromSource(type + "/" + repo.name() + "#" + b.name(),
                        "PDC branch " + b.id() + (Boolean.TRUE.equals(b.active()) ? " (active)" : " (inactive)")));
            }
        }
        return keys.size();
    }

    /** One component's PDC branches, for the types whose repository pkgdb did not list. */
    private long compareUnlisted(List<Branch> group, Set<String> compared, AuditReport report, ChangeComment comment,
                                 AuditRequest request, Set<String> unknownReleases) {
        if (group.isEmpty()) {
            return 0;
        }
        long count = 0;
        Set<String> types = new TreeSet<>();
        group.forEach(b -> types.add(b.type()));
        for (String type : types) {
            String gc = group.get(0).globalComponent();
            if (compared.contains(type + "/" + gc)) {
                continue;
            }
            Optional<String> namespace = DistGitNamespaces.namespace(type);
            if (namespace.isEmpty()) {
                continue; // a type dist-git has no namespace for (zip, iso...): not this handler's
            }
            List<Branch> ofType = group.stream().filter(b -> b.type().equals(type)).toList();
            count += compare(RepoRef.of(namespace.get(), gc), type, ofType, request.repair(), report, comment,
                    unknownReleases);
        }
        return count;
    }

    private Optional<SlaDefaults> defaultsOf(DistGitBranch branch, Set<String> unknownReleases) {
        try {
            return provisioner.policy().defaultsFor(branch.branch());
        } catch (MissingSlaDefaultsException e) {
            unknownReleases.add(e.release());
            return Optional.empty();
        }
    }

    private static void warnUnknown(Set<String> unknownReleases) {
        if (!unknownReleases.isEmpty()) {
            LOG.warn("dist-git has branches of releases with no default SLAs, left out: {} "
                    + "(add them to config/branch-slas.properties)", unknownReleases);
        }
    }
}
