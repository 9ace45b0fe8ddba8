package org.fedoraproject.pdcupdater.handler.depchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.audit.AuditReport;
import org.fedoraproject.pdcupdater.audit.Difference;
import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.handler.ReleaseMapping;
import org.fedoraproject.pdcupdater.handler.UnknownReleaseException;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.resource.ComponentRelationships.Relationship;
import org.fedoraproject.pdcupdater.pdc.resource.ReleaseComponents.ReleaseComponent;
import org.fedoraproject.pdcupdater.pdc.resource.Rpms.NewRpm;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiStandin;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiStandinServer;
import org.fedoraproject.pdcupdater.source.koji.KojiBuildContents;
import org.fedoraproject.pdcupdater.source.koji.KojiClient;
import org.fedoraproject.pdcupdater.testsupport.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dependency chains against the real sandbox and the Koji stand-in (bundled data: template-glib
 * 3.25.92-1.fc28, build 966549, in f28). PDC starts with the RPMs of fedora-28 that provide what it
 * needs, as the rpms handler leaves them, except vala: one requirement stays unresolved.
 */
class DependencyChainHandlerTest {

    static final String TOPIC = "org.fedoraproject.prod.buildsys.tag";
    static final String F28_TAG = "fedmsg/buildsys.tag--2017-2bc4917c.json";
    static final String F27_GNOME_TAG = "fedmsg/buildsys.tag--2017-b8555ab6.json";
    static final String RELEASE = "fedora-28";

    private SandboxPdc pdc;
    private KojiStandinServer kojiServer;
    private DependencyChainHandler handler;

    @BeforeEach
    void setUp() {
        pdc = SandboxPdc.start();
        kojiServer = KojiStandin.startBundled("127.0.0.1", 0);
        handler = handler(ReleaseMapping.load(Path.of("config/release-mapping.properties")));
        seedRpms();
    }

    @AfterEach
    void tearDown() {
        kojiServer.close();
        pdc.close();
    }

    private DependencyChainHandler handler(ReleaseMapping mapping) {
        KojiClient koji = new KojiClient(kojiServer.uri());
        return new DependencyChainHandler(pdc.pdc(), koji, new KojiBuildContents(koji, 100_000, Duration.ofMinutes(10)),
                mapping, List.of("f28"), 1000);
    }

    private void seedRpms() {
        List<NewRpm> rpms = new ArrayList<>();
        rpms.add(rpm("bison", "3.0.4", "9.fc28", "bison", RELEASE));
        rpms.add(rpm("flex", "2.6.1", "7.fc28", "flex", RELEASE));
        rpms.add(rpm("glib2-devel", "2.54.1", "1.fc28", "glib2", RELEASE, "pkgconfig(gio-2.0) = 2.54.1"));
        rpms.add(rpm("glib2", "2.54.1", "1.fc28", "glib2", RELEASE, "libgio-2.0.so.0()(64bit)",
                "libglib-2.0.so.0()(64bit)", "libgobject-2.0.so.0()(64bit)"));
        rpms.add(rpm("glibc", "2.26.9000", "1.fc28", "glibc", RELEASE, "libc.so.6()(64bit)", "rtld(GNU_HASH)"));
        rpms.add(rpm("gobject-introspection-devel", "1.54.1", "1.fc28", "gobject-introspection", RELEASE,
                "pkgconfig(gobject-introspection-1.0) = 1.54.1"));
        rpms.add(rpm("gobject-introspection", "1.54.1", "1.fc28", "gobject-introspection", RELEASE,
                "libgirepository-1.0.so.1()(64bit)"));
        // In another release only: must not resolve for fedora-28.
        rpms.add(rpm("vala", "0.38.2", "1.fc27", "vala", "fedora-27"));
        pdc.pdc().rpms().ensureAll(rpms, ChangeComment.of("test: fedora-28 rpms as the rpms handler leaves them"));
    }

    private static NewRpm rpm(String name, String version, String release, String srpm, String linkedTo,
            String... provides) {
        List<String> p = new ArrayList<>(List.of(provides));
        p.add(name + " = " + version + "-" + release);
        return new NewRpm(name, 0, version, release, "x86_64", srpm, srpm + "-" + version + "-" + release, null,
                List.of(linkedTo), null, Map.of("provides", p), null, null);
    }

    private static JsonNode fixture(String file) {
        return Fixtures.json(file).get("msg");
    }

    private void handle(JsonNode msg) {
        handler.handle(SandboxPdc.envelope(TOPIC, msg));
    }

    /** "type -> to" of the managed relationships leaving template-glib in fedora-28. */
    private Set<String> edges() {
        Set<String> out = new TreeSet<>();
        for (String type : List.of(DependencyChainHandler.BUILD_REQUIRES, DependencyChainHandler.RUNTIME_REQUIRES,
                "bundles")) {
            for (Relationship r : pdc.pdc().componentRelationships().from(type, RELEASE, "template-glib")) {
                assertThat(r.toComponent().release()).isEqualTo(RELEASE);
                out.add(r.type() + " -> " + r.toComponent().name());
            }
        }
        return out;
    }

    static final Set<String> EXPECTED = Set.of(
            "RPMBuildRequires -> bison", "RPMBuildRequires -> flex", "RPMBuildRequires -> glib2",
            "RPMBuildRequires -> gobject-introspection",
            "RPMRuntimeRequires -> glib2", "RPMRuntimeRequires -> glibc",
            "RPMRuntimeRequires -> gobject-introspection");

    @Test
    void taggingIntoAReleaseRecordsBuildAndRuntimeRequirementsByProvidingComponent() {
        handle(fixture(F28_TAG));

        assertThat(edges()).isEqualTo(EXPECTED);
        assertThat(pdc.client().count("component-relationship-types/", Map.of("name",
                List.of("RPMBuildRequires", "RPMRuntimeRequires")))).isEqualTo(2);
        // Both ends exist as rpm release components of fedora-28 now.
        for (String name : List.of("template-glib", "bison", "flex", "glib2", "glibc", "gobject-introspection")) {
            assertThat(pdc.pdc().releaseComponents().find(RELEASE, name, "rpm", false)).as(name).isPresent();
        }
        assertThat(pdc.pdc().releaseComponents().find(RELEASE, "vala", "rpm", false)).isEmpty();

        int before = pdc.changesets();
        handle(fixture(F28_TAG));
        assertThat(pdc.changesets()).as("handling again changes nothing").isEqualTo(before);
        assertThat(edges()).isEqualTo(EXPECTED);
    }

    @Test
    void staleRelationshipsOfTheManagedTypesAreRemovedOthersKept() {
        ChangeComment setup = ChangeComment.of("test setup");
        var relationships = pdc.pdc().componentRelationships();
        relationships.ensureType(DependencyChainHandler.RUNTIME_REQUIRES, setup);
        Map<String, ReleaseComponent> c = new ReleaseComponentsEnsurer(pdc.pdc()).ensure(RELEASE,
                List.of("template-glib", "old-dep", "bundled-lib"), setup);
        relationships.ensure(DependencyChainHandler.RUNTIME_REQUIRES, c.get("template-glib").asEnd(),
                c.get("old-dep").asEnd(), setup);
        relationships.ensure("bundles", c.get("template-glib").asEnd(), c.get("bundled-lib").asEnd(), setup);

        handle(fixture(F28_TAG));

        Set<String> expected = new TreeSet<>(EXPECTED);
        expected.add("bundles -> bundled-lib");
        assertThat(edges()).isEqualTo(expected).doesNotContain("RPMRuntimeRequires -> old-dep");
    }

    @Test
    void tagsThatFeedNoReleaseAndOtherKojiInstancesChangeNothing() {
        int before = pdc.changesets();
        handle(fixture(F27_GNOME_TAG));
        ObjectNode secondary = (ObjectNode) fixture(F28_TAG).deepCopy();
        secondary.put("instance", "ppc");
        handle(secondary);
        assertThat(pdc.changesets()).isEqualTo(before);
        assertThat(edges()).isEmpty();
    }

    @Test
    void aTagMappedToAReleasePdcLacksIsAnUnknownRelease() throws Exception {
        ReleaseMapping toMissing = ReleaseMapping.of(new ByteArrayInputStream(
                "tag.f28 = fedora-99\n".getBytes(StandardCharsets.UTF_8)));
        handler = handler(toMissing);
        int before = pdc.changesets();
        assertThatThrownBy(() -> handle(fixture(F28_TAG))).isInstanceOf(UnknownReleaseException.class)
                .hasMessageContaining("fedora-99");
        assertThat(pdc.changesets()).isEqualTo(before);
    }

    @Test
    void auditReportsMissingStaleAndOrphanedRelationshipsAndRepairs() {
        ChangeComment setup = ChangeComment.of("test setup");
        var relationships = pdc.pdc().componentRelationships();
        relationships.ensureType(DependencyChainHandler.BUILD_REQUIRES, setup);
        Map<String, ReleaseComponent> c = new ReleaseComponentsEnsurer(pdc.pdc()).ensure(RELEASE,
                List.of("template-glib", "old-dep", "gone-from-tag"), setup);
        relationships.ensure(DependencyChainHandler.BUILD_REQUIRES, c.get("template-glib").asEnd(),
                c.get("old-dep").asEnd(), setup);
        relationships.ensure(DependencyChainHandler.BUILD_REQUIRES, c.get("gone-from-tag").asEnd(),
                c.get("old-dep").asEnd(), setup);

        AuditReport report = handler.audit(AuditRequest.reportOnly());
        assertThat(report.count(Difference.Kind.ABSENT_FROM_PDC)).isEqualTo(EXPECTED.size());
        assertThat(report.count(Difference.Kind.ABSENT_FROM_SOURCE)).isEqualTo(2);
        assertThat(report.firstDifferences()).extracting(Difference::key)
                .contains("fedora-28 template-glib RPMBuildRequires bison",
                        "fedora-28 template-glib RPMBuildRequires old-dep",
                        "fedora-28 gone-from-tag RPMBuildRequires old-dep");

        AuditReport repaired = handler.audit(new AuditRequest(true, 100, Progress.SILENT));
        assertThat(repaired.total()).isEqualTo(EXPECTED.size() + 2);
        assertThat(edges()).isEqualTo(EXPECTED);
        assertThat(handler.audit(AuditRequest.reportOnly()).clean()).isTrue();
    }

    @Test
    void initializeLoadsTheTagAndIsSafeToRepeat() {
        var first = handler.initialize(Progress.SILENT);
        assertThat(first.examined()).isEqualTo(2); // template-glib and jetty, the latest builds in f28
        assertThat(first.written()).isEqualTo(EXPECTED.size());
        assertThat(edges()).isEqualTo(EXPECTED);
        int before = pdc.changesets();
        assertThat(handler.initialize(Progress.SILENT).written()).isZero();
        assertThat(pdc.changesets()).isEqualTo(before);
    }
}
