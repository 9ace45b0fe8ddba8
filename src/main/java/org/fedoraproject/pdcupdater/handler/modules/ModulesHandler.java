package org.fedoraproject.pdcupdater.handler.modules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.fedoraproject.pdcupdater.audit.AuditReport;
import org.fedoraproject.pdcupdater.audit.Difference;
import org.fedoraproject.pdcupdater.audit.SortedMerge;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.handler.Handler;
import org.fedoraproject.pdcupdater.handler.InitializeResult;
import org.fedoraproject.pdcupdater.handler.InvalidMessageException;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcResource;
import org.fedoraproject.pdcupdater.pdc.resource.Modules.Module;
import org.fedoraproject.pdcupdater.pdc.resource.Modules.NewModule;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.pdc.resource.Rpms.NewRpm;
import org.fedoraproject.pdcupdater.source.mbs.MbsClient;
import org.fedoraproject.pdcupdater.source.mbs.ModuleBuild;
import org.fedoraproject.pdcupdater.source.mbs.ModuleBuildQuery;
import org.fedoraproject.pdcupdater.source.mbs.ModuleState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modules: keeps PDC's {@code modules/} in step with the Module Build Service
 * ({@code mbs.module.state.change}), per state as the original {@code ModuleStateChangeHandler} did:
 * <ul>
 *   <li>{@code wait}, {@code build}, {@code done}: the module exists in PDC (created with the modulemd
 *       read from MBS, its runtime and build dependencies, which PDC only takes on create, and the
 *       Koji tag where known); {@code build} sets the Koji tag;</li>
 *   <li>{@code ready}: also {@code active: true} and its RPMs, read from its Koji tag (PATCH replaces
 *       the set; sent only when it differs);</li>
 *   <li>{@code failed}, {@code garbage}: a module PDC has is marked {@code active: false}
 *       (the original ignored these; an inactive module is what PDC's consumers filter on);</li>
 *   <li>{@code init}: nothing (not even a context is known for sure yet).</li>
 * </ul>
 * A modulemd that is not valid is an {@link InvalidMessageException}: dead letter, PDC untouched.
 */
public final class ModulesHandler implements Handler {

    public static final String NAME = "modules";
    /** PDC requires a Koji tag on create; before {@code build} there is none. The original's placeholder. */
    static final String NO_TAG_YET = "NA";

    private static final Logger LOG = LoggerFactory.getLogger(ModulesHandler.class);
    private static final String MODULES = PdcResource.MODULES.path();

    private final Pdc pdc;
    private final MbsClient mbs;
    private final ModuleRpms moduleRpms;

    public ModulesHandler(Pdc pdc, MbsClient mbs, ModuleRpms moduleRpms) {
        this.pdc = pdc;
        this.mbs = mbs;
        this.moduleRpms = moduleRpms;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void handle(FedmsgEnvelope message) {
        ModuleEvent event = ModuleEvent.fromMessage(message.msg());
        apply(event, ChangeComment.forMessage(message.msgId(), message.topic()));
    }

    /** @return how many PDC writes it made */
    int apply(ModuleEvent event, ChangeComment comment) {
        if (event.state() == null || event.state() == ModuleState.INIT) {
            LOG.debug("Module {} in state {}: nothing to record", event.uid(), event.state());
            return 0;
        }
        if (event.state() == ModuleState.FAILED || event.state() == ModuleState.GARBAGE) {
            return deactivate(event, comment);
        }
        int writes = 0;
        Module module = pdc.modules().get(event.uid()).orElse(null);
        if (module == null) {
            module = create(event, comment);
            writes++;
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        if (event.kojiTag() != null && !event.kojiTag().equals(module.kojiTag())) {
            changes.put("koji_tag", event.kojiTag());
        }
        if (event.state() == ModuleState.READY) {
            String tag = kojiTag(event, module);
            if (!tag.equals(module.kojiTag())) {
                changes.put("koji_tag", tag);
            }
            if (!Boolean.TRUE.equals(module.active())) {
                changes.put("active", true);
            }
            List<NewRpm> rpms = moduleRpms.of(tag, ModulemdParser.parse(module.modulemd(), event.uid()));
            Set<String> wanted = rpms.stream().map(ModuleRpms::filename).collect(Collectors.toCollection(TreeSet::new));
            Set<String> linked = new TreeSet<>(module.rpms() == null ? List.of() : module.rpms());
            if (!wanted.equals(linked)) {
                // PATCH rpms replaces the module's whole set; RPMs PDC lacks are created by PDC.
                pdc.modules().setRpms(event.uid(), rpms, comment);
                LOG.info("Module {} ready: {} RPMs from Koji tag {} linked", event.uid(), rpms.size(), tag);
                writes++;
            }
        }
        if (!changes.isEmpty()) {
            pdc.client().patch(MODULES, event.uid(), changes, comment);
            LOG.info("Module {} ({}): updated {}", event.uid(), event.state().stateName(), changes.keySet());
            writes++;
        }
        return writes;
    }

    private Module create(ModuleEvent event, ChangeComment comment) {
        ModuleBuild build = mbs.moduleBuild(event.mbsId()).orElseThrow(() ->
                new InvalidMessageException("MBS has no module build " + event.mbsId() + " (" + event.uid() + ")"));
        Modulemd modulemd = ModulemdParser.parse(build.modulemd(), event.uid() + " (MBS build " + event.mbsId() + ")");
        if (modulemd.name() != null && !modulemd.name().equals(event.name())
                || modulemd.stream() != null && !modulemd.stream().equals(event.stream())) {
            throw new InvalidMessageException("MBS build " + event.mbsId() + " is " + modulemd.name() + ":"
                    + modulemd.stream() + ", the message says " + event.name() + ":" + event.stream());
        }
        String tag = event.kojiTag() != null ? event.kojiTag()
                : build.kojiTag() != null ? build.kojiTag() : NO_TAG_YET;
        Module created = pdc.modules().ensure(new NewModule(event.name(), event.stream(), event.version(),
                event.context(), tag, build.modulemd(), null, modulemd.runtimeDeps(), modulemd.buildDeps(), null),
                comment);
        LOG.info("Module {} created in PDC (koji tag {})", created.uid(), tag);
        return created;
    }

    /** The tag whose RPMs make the module: the message's, PDC's, or (placeholder in PDC) MBS's. */
    private String kojiTag(ModuleEvent event, Module module) {
        if (event.kojiTag() != null) {
            return event.kojiTag();
        }
        if (module.kojiTag() != null && !NO_TAG_YET.equals(module.kojiTag())) {
            return module.kojiTag();
        }
        return mbs.moduleBuild(event.mbsId()).map(ModuleBuild::kojiTag).orElseThrow(() ->
                new InvalidMessageException("module " + event.uid() + " is ready but no Koji tag is known for it"));
    }

    private int deactivate(ModuleEvent event, ChangeComment comment) {
        Module module = pdc.modules().get(event.uid()).orElse(null);
        if (module == null) {
            LOG.info("Module {} {} before PDC knew it: nothing to deactivate", event.uid(), event.state().stateName());
            return 0;
        }
        if (Boolean.FALSE.equals(module.active())) {
            return 0;
        }
        pdc.modules().setActive(event.uid(), false, comment);
        LOG.info("Module {} {}: marked inactive", event.uid(), event.state().stateName());
        return 1;
    }

    /**
     * Compares every MBS build (but {@code init}) with PDC's module: present, {@code active} (only
     * {@code ready} is active) and Koji tag. RPM sets are not compared (that would read every module's
     * Koji tag); a repair re-applies the build's state, which sets them. Both sides are held as small
     * uid → summary maps (thousands of modules, not millions of rpms).
     */
    @Override
    public AuditReport audit(AuditRequest request) {
        AuditReport report = new AuditReport(NAME, request.keep());
        Map<String, String> source = new TreeMap<>();
        Map<String, ModuleEvent> events = new TreeMap<>();
        try (var builds = mbs.moduleBuilds(new ModuleBuildQuery(null, null, null, false, 100))) {
            builds.map(ModuleEvent::fromBuild)
                    .filter(e -> e.state() != null && e.state() != ModuleState.INIT)
                    .forEach(e -> {
                        source.put(e.uid(), summary(e.state() == ModuleState.READY,
                                e.kojiTag() == null ? NO_TAG_YET : e.kojiTag()));
                        events.put(e.uid(), e);
                    });
        }
        Map<String, String> inPdc = new TreeMap<>();
        try (var modules = pdc.modules().stream(Map.of())) {
            modules.forEach(m -> inPdc.put(m.uid(), summary(Boolean.TRUE.equals(m.active()), m.kojiTag())));
        }
        ChangeComment comment = ChangeComment.of("pdc-updater audit repair (" + NAME + ")");
        long compared = SortedMerge.diff(source.entrySet().iterator(), inPdc.entrySet().iterator(), d -> {
            report.accept(d);
            if (request.repair() && d.kind() != Difference.Kind.ABSENT_FROM_SOURCE) {
                apply(events.get(d.key()), comment);
            }
        });
        return report.finish(compared);
    }

    @Override
    public InitializeResult initialize(Progress progress) {
        ChangeComment comment = ChangeComment.of("pdc-updater initialize (" + NAME + ")");
        long[] counts = new long[2];
        try (var builds = mbs.moduleBuilds(new ModuleBuildQuery(null, null, null, false, 100))) {
            builds.map(ModuleEvent::fromBuild).forEach(e -> {
                counts[0]++;
                counts[1] += apply(e, comment);
                progress.advance(1);
            });
        }
        return new InitializeResult(NAME, counts[0], counts[1]);
    }

    private static String summary(boolean active, String kojiTag) {
        return "active=" + active + " koji_tag=" + Objects.requireNonNullElse(kojiTag, "");
    }
}
