package org.fedoraproject.pdcupdater.handler.depchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.fedoraproject.pdcupdater.handler.ReleaseMapping;
import org.fedoraproject.pdcupdater.handler.rpms.RpmsHandler;
import org.fedoraproject.pdcupdater.pdc.resource.ComponentRelationships.Relationship;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiData;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiStandin;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiStandinServer;
import org.fedoraproject.pdcupdater.sandbox.koji.StandinBuild;
import org.fedoraproject.pdcupdater.sandbox.koji.StandinRpm;
import org.fedoraproject.pdcupdater.source.koji.KojiBuildContents;
import org.fedoraproject.pdcupdater.source.koji.KojiClient;
import org.fedoraproject.pdcupdater.source.koji.KojiDep;
import org.fedoraproject.pdcupdater.testsupport.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chain as the service runs it, with nothing seeded in PDC: the rpms handler writes each tagged build's RPMs
 * with their dependencies from Koji, and the dependency chain handler resolves template-glib's requirements through
 * those provides. The Koji stand-in holds its bundled data plus two builds in f28 that provide template-glib's
 * shared libraries (glib2 and glibc of Fedora 28), so its sonames resolve to the components shipping them, which no
 * match on RPM names could do.
 */
class DependencyChainThroughRpmsTest {

    private static final String TOPIC = "org.fedoraproject.prod.buildsys.tag";
    private static final String RELEASE = "fedora-28";

    private SandboxPdc pdc;
    private KojiStandinServer kojiServer;
    private KojiClient koji;
    private RpmsHandler rpms;
    private DependencyChainHandler depchain;
    private final KojiData data = KojiData.bundled();

    @BeforeEach
    void setUp() {
        pdc = SandboxPdc.start();
        addBuild("glib2", "2.54.1", "1.fc28", Map.of("glib2", List.of("libgio-2.0.so.0()(64bit)",
                "libglib-2.0.so.0()(64bit)", "libgobject-2.0.so.0()(64bit)")));
        addBuild("glibc", "2.26.9000", "1.fc28", Map.of("glibc", List.of("libc.so.6()(64bit)", "rtld(GNU_HASH)")));
        kojiServer = KojiStandin.start("127.0.0.1", 0, data);
        koji = new KojiClient(kojiServer.uri());
        ReleaseMapping mapping = ReleaseMapping.load(Path.of("config/release-mapping.properties"));
        // Shared, as the service binds it: the two handlers of a tagging read the build from Koji once.
        KojiBuildContents builds = new KojiBuildContents(koji, 100_000, Duration.ofMinutes(10));
        rpms = new RpmsHandler(pdc.client(), koji, builds, mapping, List.of("f28"), 500, new SimpleMeterRegistry());
        depchain = new DependencyChainHandler(pdc.pdc(), koji, builds, mapping, List.of("f28"), 1000);
    }

    @AfterEach
    void tearDown() {
        kojiServer.close();
        pdc.close();
    }

    /** A build tagged into f28 with a source RPM and one x86_64 RPM per entry of {@code provides}. */
    private void addBuild(String name, String version, String release, Map<String, List<String>> provides) {
        StandinBuild build = data.addBuild(StandinBuild.complete(data.nextBuildId(), name, version, release, "releng"));
        data.addRpm(StandinRpm.of(data.nextRpmId(), build, name, "src"));
        provides.forEach((rpm, caps) -> {
            StandinRpm binary = StandinRpm.of(data.nextRpmId(), build, rpm, "x86_64");
            data.addRpm(binary);
            data.addDeps(binary.id(), caps.stream().map(c -> new KojiDep(c, "", 0, KojiDep.PROVIDES)).toList());
        });
        data.tagBuild("f28", build.id());
    }

    /** buildsys.tag of {@code name} into f28, the fixture's body with another build. */
    private void tag(String name) {
        StandinBuild build = data.build(data.taggedNewestFirst("f28").stream()
                .filter(id -> data.build(id).orElseThrow().name().equals(name)).findFirst().orElseThrow()).orElseThrow();
        ObjectNode msg = (ObjectNode) Fixtures.json("fedmsg/buildsys.tag--2017-2bc4917c.json").get("msg").deepCopy();
        msg.put("build_id", build.id()).put("name", build.name()).put("version", build.version())
                .put("release", build.release());
        rpms.handle(SandboxPdc.envelope(TOPIC, msg));
    }

    private Set<String> runtimeEdges() {
        Set<String> out = new TreeSet<>();
        for (Relationship r : pdc.pdc().componentRelationships().from(DependencyChainHandler.RUNTIME_REQUIRES, RELEASE,
                "template-glib")) {
            out.add(r.toComponent().name());
        }
        return out;
    }

    @Test
    void aRuntimeRequirementResolvesToTheComponentProvidingIt() {
        tag("glib2");
        tag("glibc");
        long before = koji.requestCount();
        tag("template-glib");
        // listRPMs, then getRPMDeps of all 22 RPMs in one multicall.
        assertThat(koji.requestCount() - before).isEqualTo(2);

        // The rpms handler wrote the provides (and requires) it read from Koji.
        JsonNode glib2 = pdc.client().list("rpms", Map.of("name", "^glib2$", "arch", "x86_64")).get(0);
        assertThat(glib2.path("dependencies").path("provides")).extracting(JsonNode::asText)
                .contains("libglib-2.0.so.0()(64bit)", "glib2 = 2.54.1-1.fc28");
        JsonNode templateGlib = pdc.client().list("rpms", Map.of("name", "^template-glib$", "arch", "x86_64")).get(0);
        assertThat(templateGlib.path("dependencies").path("requires")).extracting(JsonNode::asText)
                .contains("libglib-2.0.so.0()(64bit)", "libc.so.6()(64bit)")
                .noneMatch(r -> r.startsWith("rpmlib(") || r.startsWith("/sbin/ldconfig"));

        long beforeDepchain = koji.requestCount();
        depchain.handle(SandboxPdc.envelope(TOPIC, Fixtures.json("fedmsg/buildsys.tag--2017-2bc4917c.json").get("msg")));
        // The rpms handler read the build's RPMs and dependencies: the dependency chain asks Koji nothing more.
        assertThat(koji.requestCount() - beforeDepchain).isZero();

        // Sonames: no RPM is named like them, only provides lead to glib2 and glibc.
        assertThat(runtimeEdges()).contains("glib2", "glibc");
    }
}
