package org.fedoraproject.pdcupdater.handler.depchain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.audit.AuditReport;
import org.fedoraproject.pdcupdater.audit.Difference;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.handler.Handler;
import org.fedoraproject.pdcupdater.handler.InitializeResult;
import org.fedoraproject.pdcupdater.handler.InvalidMessageException;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.handler.ReleaseMapping;
import org.fedoraproject.pdcupdater.handler.UnknownReleaseException;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.resource.ComponentRelationships.Relationship;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.source.koji.KojiBuild;
import org.fedoraproject.pdcupdater.source.koji.KojiBuildContents;
import org.fedoraproject.pdcupdater.source.koji.KojiClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dependency chains: when a build is tagged into a tag that feeds a release ({@code buildsys.tag}),
 * its source RPM's requirements become {@value #BUILD_REQUIRES} and its binary RPMs' requirements
 * {@value #RUNTIME_REQUIRES} relationships from its release component to the components providing
 * them; relationships of those two types that the build no longer has are removed.
 *
 * <p>Requirements come from Koji ({@link KojiRequirements}); the providing components from PDC's
 * rpms of the release ({@link RpmProviders}, which says why). A requirement no RPM of the release
 * provides is left out and logged. Both ends are ensured as release components, as the original's
 * {@code ensure_release_component_exists} / {@code ensure_bulk_release_components_exist} did.
 *
 * <p>Audit and initialize go tag by tag ({@code handlers.depchain.tags}), build by build: memory holds
 * one build's relationships and the tag's package names, never the whole release's relationships.
 */
public final class DependencyChainHandler implements Handler {

    public static final String NAME = "depchain";
    public static final String BUILD_REQUIRES = "RPMBuildRequires";
    public static final String RUNTIME_REQUIRES = "RPMRuntimeRequires";
    static final List<String> MANAGED_TYPES = List.of(BUILD_REQUIRES, RUNTIME_REQUIRES);

    private static final Logger LOG = LoggerFactory.getLogger(DependencyChainHandler.class);

    private final Pdc pdc;
    private final KojiClient koji;
    private final KojiRequirements requirements;
    private final ReleaseMapping releases;
    private final List<String> tags;
    private final int cacheSize;
    private final RelationshipSync relationships;
    private volatile boolean typesEnsured;

    /**
     * @param builds    a build's RPMs and dependencies, read once for this handler and the rpms handler
     * @param tags      the Koji tags audit and initialize cover (each must map to a release)
     * @param cacheSize capability → providers answers kept during one audit or initialize run
     */
    public DependencyChainHandler(Pdc pdc, KojiClient koji, KojiBuildContents builds, ReleaseMapping releases,
            List<String> tags, int cacheSize) {
        this.pdc = pdc;
        this.koji = koji;
        this.requirements = new KojiRequirements(builds);
        this.releases = releases;
        this.tags = List.copyOf(tags);
        this.cacheSize = cacheSize;
        this.relationships = new RelationshipSync(pdc, MANAGED_TYPES);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void handle(FedmsgEnvelope message) {
        ObjectNode msg = message.msg();
        String tag = text(msg, "tag");
        JsonNode buildId = msg.path("build_id");
        if (tag == null || !buildId.canConvertToInt()) {
            throw new InvalidMessageException("buildsys.tag message without tag or integer build_id");
        }
        String instance = Optional.ofNullable(text(msg, "instance")).orElse("primary");
        if (!"primary".equals(instance)) {
            LOG.debug("{}: Koji instance {}, not primary: no dependency chain", message.msgId(), instance);
            return;
        }
        Optional<String> release = releases.releaseForTag(tag);
        if (release.isEmpty()) {
            LOG.debug("{}: tag {} feeds no release: no dependency chain", message.msgId(), tag);
            return;
        }
        requireRelease(release.get(), "koji tag " + tag);
        String component = text(msg, "name");
        if (component == null) {
            component = koji.getBuild(buildId.asInt()).map(KojiBuild::name).orElseThrow(() ->
                    new InvalidMessageException("Koji has no build " + buildId.asInt() + " and the message names none"));
        }
        ChangeComment comment = ChangeComment.forMessage(message.msgId(), message.topic());
        ensureTypes(comment);
        sync(release.get(), buildId.asInt(), component, new RpmProviders(pdc.client(), cacheSize), comment);
    }

    /** What {@code component}'s build should relate to in {@code release}: type → provider components. */
    Map<String, Set<String>> wanted(String release, int buildId, String component, RpmProviders providers) {
        BuildRequirements reqs = requirements.of(buildId, component);
        Map<String, Set<String>> wanted = new LinkedHashMap<>();
        Set<String> unresolved = new TreeSet<>();
        wanted.put(BUILD_REQUIRES, resolve(release, reqs, reqs.buildRequires(), providers, unresolved));
        wanted.put(RUNTIME_REQUIRES, resolve(release, reqs, reqs.runtimeRequires(), providers, unresolved));
        if (!unresolved.isEmpty()) {
            LOG.info("{}/{}: {} requirement(s) no RPM of the release provides, left out: {}", release, component,
                    unresolved.size(), first(unresolved, 10));
        }
        return wanted;
    }

    private int sync(String release, int buildId, String component, RpmProviders providers, ChangeComment comment) {
        Map<String, Set<String>> wanted = wanted(release, buildId, component, providers);
        int written = relationships.sync(release, component, wanted, comment);
        LOG.info("{}/{}: {} build and {} runtime dependencies; {} relationship(s) written", release, component,
                wanted.get(BUILD_REQUIRES).size(), wanted.get(RUNTIME_REQUIRES).size(), written);
        return written;
    }

    private static Set<String> resolve(String release, BuildRequirements reqs, Set<String> capabilities,
            RpmProviders providers, Set<String> unresolved) {
        Set<String> components = new TreeSet<>();
        for (String capability : new TreeSet<>(capabilities)) {
            if (reqs.ownProvides().contains(capability)) {
                continue; // met inside the build itself
            }
            Set<String> found = providers.providersOf(release, capability);
            if (found.isEmpty()) {
                unresolved.add(capability);
            }
            found.stream().filter(c -> !c.equals(reqs.component())).forEach(components::add);
        }
        return components;
    }

    @Override
    public AuditReport audit(AuditRequest request) {
        AuditReport report = new AuditReport(NAME, request.keep());
        ChangeComment comment = ChangeComment.of("pdc-updater audit repair (" + NAME + ")");
        if (request.repair()) {
            ensureTypes(comment);
        }
        long compared = 0;
        for (String tag : tags) {
            String release = releaseOfTag(tag);
            RpmProviders providers = new RpmProviders(pdc.client(), cacheSize);
            List<KojiBuild> builds = latestBuilds(tag);
            request.progress().total(builds.size());
            Set<String> names = new HashSet<>();
            for (KojiBuild build : builds) {
                names.add(build.name());
                Set<RelationshipSync.Edge> source = RelationshipSync.edges(release, build.name(),
                        wanted(release, build.id(), build.name(), providers));
                Map<RelationshipSync.Edge, Integer> inPdc = relationships.current(release, build.name());
                boolean differs = false;
                for (RelationshipSync.Edge e : source) {
                    compared++;
                    if (!inPdc.containsKey(e)) {
                        report.accept(Difference.absentFromPdc(e.key(), e.type()));
                        differs = true;
                    }
                }
                for (RelationshipSync.Edge e : inPdc.keySet()) {
                    if (!source.contains(e)) {
                        compared++;
                        report.accept(Difference.absentFromSource(e.key(), e.type()));
                        differs = true;
                    }
                }
                if (differs && request.repair()) {
                    sync(release, build.id(), build.name(), providers, comment);
                }
                request.progress().advance(1);
            }
            compared += auditOrphans(release, names, report, request.repair() ? comment : null);
        }
        return report.finish(compared);
    }

    /** Relationships from components whose package is no longer in the tag at all. */
    private long auditOrphans(String release, Set<String> inTag, AuditReport report, ChangeComment repair) {
        long compared = 0;
        List<Integer> orphans = new ArrayList<>();
        for (String type : MANAGED_TYPES) {
            Map<String, Object> filter = Map.of("type", type, "from_component_release", release);
            try (var stream = pdc.componentRelationships().stream(filter)) {
                for (Relationship r : (Iterable<Relationship>) stream::iterator) {
                    if (!inTag.contains(r.fromComponent().name())) {
                        compared++;
                        report.accept(Difference.absentFromSource(new RelationshipSync.Edge(release,
                                r.fromComponent().name(), r.type(), r.toComponent().name()).key(), r.type()));
                        orphans.add(r.id());
                    }
                }
            }
        }
        if (repair != null) {
            relationships.delete(orphans, repair);
        }
        return compared;
    }

    @Override
    public InitializeResult initialize(Progress progress) {
        ChangeComment comment = ChangeComment.of("pdc-updater initialize (" + NAME + ")");
        ensureTypes(comment);
        long examined = 0;
        long written = 0;
        for (String tag : tags) {
            String release = releaseOfTag(tag);
            RpmProviders providers = new RpmProviders(pdc.client(), cacheSize);
            List<KojiBuild> builds = latestBuilds(tag);
            progress.total(builds.size());
            for (KojiBuild build : builds) {
                written += sync(release, build.id(), build.name(), providers, comment);
                examined++;
                progress.advance(1);
            }
        }
        return new InitializeResult(NAME, examined, written);
    }

    /** The latest build of each package in the tag (not inherited: a tag's own release), by name. */
    private List<KojiBuild> latestBuilds(String tag) {
        Map<String, KojiBuild> byName = new TreeMap<>();
        koji.forEachTagged(tag, true, false, b -> byName.putIfAbsent(b.name(), b));
        return new ArrayList<>(byName.values());
    }

    private String releaseOfTag(String tag) {
        String release = releases.releaseForTag(tag).orElseThrow(() ->
                new IllegalArgumentException("handlers.depchain.tags names " + tag + ", which feeds no release"));
        requireRelease(release, "koji tag " + tag);
        return release;
    }

    private void requireRelease(String release, String context) {
        if (pdc.releases().get(release).isEmpty()) {
            throw new UnknownReleaseException(release, context);
        }
    }

    /** PDC seeds only {@code bundles} and {@code executes}; ours are created once per process. */
    private void ensureTypes(ChangeComment comment) {
        if (!typesEnsured) {
            MANAGED_TYPES.forEach(t -> pdc.componentRelationships().ensureType(t, comment));
            typesEnsured = true;
        }
    }

    private static String text(JsonNode msg, String field) {
        JsonNode v = msg.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    private static String first(Set<String> names, int n) {
        return names.size() <= n ? String.join(", ", names)
                : String.join(", ", new ArrayList<>(names).subList(0, n)) + ", ...";
    }
}
