package org.fedoraproject.pdcupdater.handler.groups;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.fedoraproject.pdcupdater.audit.AuditReport;
import org.fedoraproject.pdcupdater.audit.SortedMerge;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.handler.Handler;
import org.fedoraproject.pdcupdater.handler.InitializeResult;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.handler.UnknownReleaseException;
import org.fedoraproject.pdcupdater.handler.depchain.ReleaseComponentsEnsurer;
import org.fedoraproject.pdcupdater.handler.depchain.RpmProviders;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.resource.ComponentGroups.ComponentGroup;
import org.fedoraproject.pdcupdater.pdc.resource.ComponentGroups.Member;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.pdc.resource.ReleaseComponents.ReleaseComponent;
import org.fedoraproject.pdcupdater.source.groups.ComponentGroupSpec;
import org.fedoraproject.pdcupdater.source.groups.ComponentGroupsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Component groups (the Atomic host "ring" first): each configured group is a package list in a git
 * repository, one file per group and a branch per release ({@code config/component-groups.json}). A
 * push to that repository ({@code git.receive}) makes the PDC group of each release fed by the pushed
 * branch exactly the file's list, as the original {@code AtomicComponentGroupHandler} did:
 * <ul>
 *   <li>the group type is created if missing, the group found or created by its natural key
 *       (type, release, description);</li>
 *   <li>the file names binary packages; members are their source packages (PDC's RPMs of the release
 *       say which; the name itself where PDC knows none, as the original fell back when mdapi did);</li>
 *   <li>members PDC lacks as release components are created, as the original did;</li>
 *   <li>the member list is replaced (by component id) only when it differs.</li>
 * </ul>
 */
public final class ComponentGroupsHandler implements Handler {

    public static final String NAME = "component-groups";

    private static final Logger LOG = LoggerFactory.getLogger(ComponentGroupsHandler.class);
    private static final int PROVIDER_CACHE = 10_000;

    private final Pdc pdc;
    private final ComponentGroupsClient git;
    private final List<ComponentGroupSpec> specs;
    private final ReleaseComponentsEnsurer components;

    public ComponentGroupsHandler(Pdc pdc, ComponentGroupsClient git, List<ComponentGroupSpec> specs) {
        this.pdc = pdc;
        this.git = git;
        this.specs = List.copyOf(specs);
        this.components = new ReleaseComponentsEnsurer(pdc);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The group's description, its natural key in PDC together with type and release. */
    public static String description(ComponentGroupSpec spec) {
        return "Deps for " + spec.groupType() + " " + spec.repo() + "/" + spec.path();
    }

    @Override
    public void handle(FedmsgEnvelope message) {
        GitPush push = GitPush.fromMessage(message.msg());
        ChangeComment comment = ChangeComment.forMessage(message.msgId(), message.topic());
        List<String> unknown = new ArrayList<>();
        boolean ours = false;
        for (ComponentGroupSpec spec : specs) {
            if (!push.isTo(spec.repo())) {
                continue;
            }
            ours = true;
            for (Map.Entry<String, String> release : spec.releases().entrySet()) {
                if (push.branch() != null && !push.branch().equals(release.getValue())) {
                    continue;
                }
                try {
                    sync(spec, release.getKey(), comment);
                } catch (UnknownReleaseException e) {
                    unknown.add(release.getKey());
                }
            }
        }
        if (!ours) {
            LOG.debug("{}: push to {} holds no component group", message.msgId(), push.repo());
        }
        if (!unknown.isEmpty()) {
            // The other releases are done; the message waits for an operator to create these.
            throw new UnknownReleaseException(String.join(", ", unknown), "component groups of " + push.repo());
        }
    }

    /** @return true when it wrote to PDC */
    boolean sync(ComponentGroupSpec spec, String release, ChangeComment comment) {
        requireRelease(release, spec);
        Optional<List<String>> packages = sourcePackages(spec, release);
        if (packages.isEmpty()) {
            return false;
        }
        pdc.componentGroups().ensureType(spec.groupType(), "", comment);
        ComponentGroup group = pdc.componentGroups().ensure(spec.groupType(), release, description(spec), comment);
        Map<String, ReleaseComponent> members = components.ensure(release, packages.get(), comment);
        Set<Integer> wanted = new TreeSet<>();
        members.values().forEach(c -> wanted.add(c.id()));
        Set<Integer> current = new TreeSet<>();
        if (group.components() != null) {
            group.components().forEach(m -> current.add(m.id()));
        }
        if (wanted.equals(current)) {
            LOG.debug("Group {} of {} already has its {} members", spec.groupType(), release, wanted.size());
            return false;
        }
        pdc.componentGroups().setComponents(group.id(), new ArrayList<>(wanted), comment);
        LOG.info("Group {} of {}: {} members (was {})", spec.groupType(), release, wanted.size(), current.size());
        return true;
    }

    /** The file's packages as source package names, once each; empty when the file is missing on the branch. */
    private Optional<List<String>> sourcePackages(ComponentGroupSpec spec, String release) {
        Optional<org.fedoraproject.pdcupdater.source.groups.ComponentGroup> fromGit = git.fetch(spec, release);
        if (fromGit.isEmpty()) {
            // As the original: a release whose branch lacks the file keeps its group as it is.
            LOG.warn("No {} on {} branch {} for {}: group left as it is", spec.path(), spec.repo(),
                    spec.releases().get(release), release);
            return Optional.empty();
        }
        RpmProviders sources = new RpmProviders(pdc.client(), PROVIDER_CACHE);
        Set<String> names = new LinkedHashSet<>();
        fromGit.get().components().forEach(p -> names.add(sources.sourceOf(release, p)));
        return Optional.of(new ArrayList<>(names));
    }

    private void requireRelease(String release, ComponentGroupSpec spec) {
        if (pdc.releases().get(release).isEmpty()) {
            throw new UnknownReleaseException(release, "component group " + spec.groupType());
        }
    }

    /** Member by member: {@code <type> <release> <component>} present in the file, in PDC, or both. */
    @Override
    public AuditReport audit(AuditRequest request) {
        AuditReport report = new AuditReport(NAME, request.keep());
        ChangeComment comment = ChangeComment.of("pdc-updater audit repair (" + NAME + ")");
        long compared = 0;
        for (ComponentGroupSpec spec : specs) {
            for (String release : spec.releases().keySet()) {
                Optional<List<String>> packages = sourcePackages(spec, release);
                if (packages.isEmpty()) {
                    continue;
                }
                Map<String, String> source = new TreeMap<>();
                packages.get().forEach(p -> source.put(key(spec, release, p), "member"));
                Map<String, String> inPdc = new TreeMap<>();
                pdc.componentGroups().find(spec.groupType(), release, description(spec)).ifPresent(g -> {
                    for (Member m : g.components() == null ? List.<Member>of() : g.components()) {
                        inPdc.put(key(spec, release, m.name()), "member");
                    }
                });
                long[] differences = {0};
                compared += SortedMerge.diff(source.entrySet().iterator(), inPdc.entrySet().iterator(), d -> {
                    report.accept(d);
                    differences[0]++;
                });
                if (differences[0] > 0 && request.repair()) {
                    sync(spec, release, comment);
                }
            }
        }
        return report.finish(compared);
    }

    @Override
    public InitializeResult initialize(Progress progress) {
        ChangeComment comment = ChangeComment.of("pdc-updater initialize (" + NAME + ")");
        long examined = 0;
        long written = 0;
        progress.total(specs.stream().mapToLong(s -> s.releases().size()).sum());
        for (ComponentGroupSpec spec : specs) {
            for (String release : spec.releases().keySet()) {
                examined++;
                written += sync(spec, release, comment) ? 1 : 0;
                progress.advance(1);
            }
        }
        return new InitializeResult(NAME, examined, written);
    }

    private static String key(ComponentGroupSpec spec, String release, String component) {
        return spec.groupType() + " " + release + " " + component;
    }
}
