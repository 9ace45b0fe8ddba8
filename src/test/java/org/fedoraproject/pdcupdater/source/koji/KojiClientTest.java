package org.fedoraproject.pdcupdater.source.koji;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.fedoraproject.pdcupdater.sandbox.koji.KojiStandin;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiStandinServer;
import org.fedoraproject.pdcupdater.testsupport.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against the Koji stand-in with its bundled data, over real HTTP on loopback. */
class KojiClientTest {

    private static KojiStandinServer koji;
    private static KojiClient client;

    @BeforeAll
    static void start() {
        koji = KojiStandin.startBundled("127.0.0.1", 0);
        client = new KojiClient(KojiClientSettings.defaults(koji.uri())
                .withRetries(3, Duration.ofMillis(1), Duration.ofMillis(5)));
    }

    @AfterAll
    static void stop() {
        koji.close();
    }

    @Test
    void getBuildById() {
        // The build as the buildsys.rpm.sign message describes it.
        JsonNode signed = Fixtures.json("fedmsg/buildsys.rpm.sign--2017-186d441b.json").path("msg").path("build");
        KojiBuild build = client.getBuild(966549).orElseThrow();
        assertThat(build.nvr()).isEqualTo(signed.path("nvr").asText());
        assertThat(build.ownerName()).isEqualTo(signed.path("owner_name").asText());
        assertThat(build.ownerId()).isEqualTo(signed.path("owner_id").asInt());
        assertThat(build.packageId()).isEqualTo(signed.path("package_id").asInt());
        assertThat(build.taskId()).isEqualTo(signed.path("task_id").asInt());
        assertThat(build.epoch()).isNull();
        assertThat(build.epochOrZero()).isZero();
        assertThat(build.isComplete()).isTrue();
        assertThat(build.creationTime()).isEqualTo("2017-09-05 20:18:39.235390+00:00");
        assertThat(build.completionTime()).isEqualTo("2017-09-05 20:23:34+00:00");
        assertThat(build.tagName()).isNull();
    }

    @Test
    void getBuildOfAnUnknownIdIsEmpty() {
        assertThat(client.getBuild(1)).isEmpty();
    }

    @Test
    void buildIsLookedUpByNvrWhenTheMessageHasNoBuildId() {
        JsonNode message = Fixtures.json("fedmsg/buildsys.tag--2017-b8555ab6.json").path("msg").deepCopy();
        int expectedId = message.path("build_id").asInt();
        ((ObjectNode) message).remove("build_id");

        String nvr = message.path("name").asText() + "-" + message.path("version").asText() + "-"
                + message.path("release").asText();
        KojiBuild build = client.getBuild(nvr).orElseThrow();

        assertThat(build.id()).isEqualTo(expectedId);
        assertThat(build.nvr()).isEqualTo("template-glib-3.25.92-1.fc27");
        assertThat(build.ownerName()).isEqualTo(message.path("owner").asText());
        assertThat(client.getBuild("template-glib-0-0.fc99")).isEmpty();
    }

    @Test
    void aStringThatIsNotAnNvrIsAFault() {
        assertThatThrownBy(() -> client.getBuild("no-nvr"))
                .isInstanceOfSatisfying(KojiFaultException.class, e -> {
                    assertThat(e.faultCode()).isEqualTo(KojiFaultException.GENERIC_ERROR);
                    assertThat(e.faultString()).isEqualTo("invalid format: no-nvr");
                });
    }

    @Test
    void listRpmsOfABuild() {
        List<KojiRpm> rpms = client.listRPMs(966549);
        assertThat(rpms).hasSize(22).allSatisfy(rpm -> {
            assertThat(rpm.buildId()).isEqualTo(966549);
            assertThat(rpm.version()).isEqualTo("3.25.92");
            assertThat(rpm.release()).isEqualTo("1.fc28");
            assertThat(rpm.epoch()).isNull();
            assertThat(rpm.epochForPdc()).isZero();
            assertThat(rpm.payloadhash()).hasSize(32);
        });
        assertThat(rpms).filteredOn(KojiRpm::isSource).singleElement()
                .satisfies(src -> assertThat(src.filename()).isEqualTo("template-glib-3.25.92-1.fc28.src.rpm"));
        assertThat(rpms).extracting(KojiRpm::arch).contains("x86_64", "aarch64", "armv7hl", "i686", "ppc64",
                "ppc64le", "s390x", "src");
        assertThat(rpms).extracting(KojiRpm::name).containsOnly("template-glib", "template-glib-devel",
                "template-glib-debuginfo");

        // The debuginfo RPM as the buildsys.rpm.sign message describes it.
        JsonNode signed = Fixtures.json("fedmsg/buildsys.rpm.sign--2017-186d441b.json").path("msg").path("rpm");
        KojiRpm armDebuginfo = rpms.stream().filter(r -> r.id() == signed.path("id").asInt()).findFirst().orElseThrow();
        assertThat(armDebuginfo.nvra()).isEqualTo("template-glib-debuginfo-3.25.92-1.fc28.armv7hl");
        assertThat(armDebuginfo.payloadhash()).isEqualTo(signed.path("payloadhash").asText());
        assertThat(armDebuginfo.size()).isEqualTo(signed.path("size").asLong());
        assertThat(armDebuginfo.buildtime()).isEqualTo(signed.path("buildtime").asLong());
        assertThat(armDebuginfo.buildrootId()).isEqualTo(signed.path("buildroot_id").asInt());
        assertThat(armDebuginfo.externalRepoName()).isEqualTo("INTERNAL");
    }

    @Test
    void noarchBuildsHaveSourceAndNoarchRpms() {
        assertThat(client.listRPMs(966571)).extracting(KojiRpm::nvra).containsExactly(
                "python-idna-2.5-2.module_bd16c34d.src",
                "python2-idna-2.5-2.module_bd16c34d.noarch",
                "python3-idna-2.5-2.module_bd16c34d.noarch");
        assertThat(client.listRPMs(1)).isEmpty();
    }

    @Test
    void listRpmsOfManyBuildsInOneMulticall() {
        long requestsBefore = koji.standin().requestCount();
        long listRpmsBefore = koji.standin().callCount("listRPMs");

        Map<Integer, List<KojiRpm>> rpms = client.listRPMs(List.of(966557, 966560, 966569, 966570, 966571, 966572, 1));

        assertThat(rpms.keySet()).containsExactly(966557, 966560, 966569, 966570, 966571, 966572, 1);
        assertThat(rpms.get(966572)).hasSize(5);
        assertThat(rpms.get(1)).isEmpty();
        assertThat(koji.standin().requestCount() - requestsBefore).isEqualTo(1);
        assertThat(koji.standin().callCount("listRPMs") - listRpmsBefore).isEqualTo(7);
    }

    @Test
    void multicallReportsEachCallsFaultSeparately() {
        List<KojiCallResult> results = client.multicall(List.of(
                KojiCall.of("getTag", "f28"),
                KojiCall.of("noSuchMethod"),
                KojiCall.of("getBuild", 966549).with("strict", true),
                KojiCall.of("getBuild", 2).with("strict", true)));
        assertThat(results).hasSize(4);
        assertThat(KojiTag.from(results.get(0).valueOrThrow()).id()).isEqualTo(1913);
        assertThat(results.get(1)).isInstanceOfSatisfying(KojiCallResult.Failure.class,
                f -> assertThat(f.fault().faultString()).isEqualTo("Invalid method: noSuchMethod"));
        assertThat(KojiBuild.from(results.get(2).valueOrThrow()).id()).isEqualTo(966549);
        assertThatThrownBy(() -> results.get(3).valueOrThrow()).isInstanceOf(KojiFaultException.class)
                .hasMessageContaining("No such build: 2");
    }

    @Test
    void multicallGoesOutInBatches() {
        KojiClient batching = new KojiClient(KojiClientSettings.defaults(koji.uri()).withMulticallBatchSize(2));
        long before = koji.standin().requestCount();
        List<KojiCallResult> results = batching.multicall(List.of(KojiCall.of("getAPIVersion"),
                KojiCall.of("getAPIVersion"), KojiCall.of("getAPIVersion"), KojiCall.of("getAPIVersion"),
                KojiCall.of("getAPIVersion")));
        assertThat(results).extracting(KojiCallResult::valueOrThrow).containsOnly(1).hasSize(5);
        assertThat(koji.standin().requestCount() - before).isEqualTo(3);
        assertThat(batching.multicall(List.of())).isEmpty();
    }

    @Test
    void listTaggedNewestFirst() {
        assertThat(client.listTagged("f28", false, false)).extracting(KojiBuild::nvr).containsExactly(
                "template-glib-3.25.92-1.fc28",
                "jetty-9.4.6-2.v20170531.fc27",
                "template-glib-3.25.3-1.fc27");
        assertThat(client.listTagged("f28", false, false)).allSatisfy(b -> assertThat(b.tagName()).isEqualTo("f28"));
    }

    @Test
    void listTaggedLatestKeepsOneBuildPerPackage() {
        assertThat(client.listTagged("f28", true, false)).extracting(KojiBuild::nvr).containsExactly(
                "template-glib-3.25.92-1.fc28", "jetty-9.4.6-2.v20170531.fc27");
    }

    @Test
    void listTaggedFollowsInheritanceOnlyWhenAsked() {
        assertThat(client.listTagged("f28-build", false, false)).isEmpty();
        assertThat(client.listTagged("f28-build", true, true)).extracting(KojiBuild::nvr).containsExactly(
                "template-glib-3.25.92-1.fc28", "jetty-9.4.6-2.v20170531.fc27");
        // f27-gnome's own template-glib wins over the one inherited from f27.
        assertThat(client.listTagged("f27-gnome", true, true)).extracting(KojiBuild::nvr, KojiBuild::tagName)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("template-glib-3.25.92-1.fc27", "f27-gnome"),
                        org.assertj.core.groups.Tuple.tuple("jetty-9.4.6-2.v20170531.fc27", "f27"));
    }

    @Test
    void listTaggedLeavesOutIncompleteBuildsAndUntaggedOnes() {
        // 966549 was untagged from f28-pending (buildsys.untag fixture).
        assertThat(client.listTagged("f28-pending", false, false)).isEmpty();
        assertThat(client.listTagged("module-bd16c34dc439bb63", false, false)).hasSize(6)
                .allSatisfy(b -> assertThat(b.ownerName()).isEqualTo("mbs/mbs.fedoraproject.org"));
    }

    @Test
    void listTaggedOfAnUnknownTagIsAFaultNotAnEmptyList() {
        assertThatThrownBy(() -> client.listTagged("f99", false, false))
                .isInstanceOfSatisfying(KojiFaultException.class, e -> {
                    assertThat(e.faultCode()).isEqualTo(1000);
                    assertThat(e.faultString()).isEqualTo("No such tagInfo: 'f99'");
                });
    }

    @Test
    void forEachTaggedStreamsBuilds() {
        List<String> seen = new ArrayList<>();
        long count = client.forEachTagged("f27", false, false, b -> seen.add(b.nvr()));
        assertThat(count).isEqualTo(2);
        assertThat(seen).containsExactly("jetty-9.4.6-2.v20170531.fc27", "template-glib-3.25.3-1.fc27");
    }

    @Test
    void getTag() {
        KojiTag f28 = client.getTag("f28").orElseThrow();
        assertThat(f28.id()).isEqualTo(1913);
        assertThat(f28.name()).isEqualTo("f28");
        assertThat(f28.locked()).isFalse();
        assertThat(client.getTag("f28-build").orElseThrow().arches()).contains("x86_64", "aarch64");
        assertThat(client.getTag("f99")).isEmpty();
    }

    @Test
    void getRpmDepsByType() {
        int rpmId = client.listRPMs(966549).stream()
                .filter(r -> r.name().equals("template-glib") && r.arch().equals("x86_64"))
                .findFirst().orElseThrow().id();

        List<KojiDep> requires = client.getRPMDeps(rpmId, KojiDep.REQUIRES);
        assertThat(requires).allSatisfy(d -> assertThat(d.type()).isEqualTo(KojiDep.REQUIRES));
        assertThat(requires).extracting(KojiDep::name).contains("libglib-2.0.so.0()(64bit)", "rtld(GNU_HASH)");
        assertThat(requires).filteredOn(KojiDep::isPlainComparison).extracting(KojiDep::name)
                .doesNotContain("/sbin/ldconfig", "rpmlib(PayloadIsXz)");

        List<KojiDep> provides = client.getRPMDeps(rpmId, KojiDep.PROVIDES);
        assertThat(provides).filteredOn(d -> d.name().equals("template-glib")).singleElement().satisfies(d -> {
            assertThat(d.operator()).isEqualTo("=");
            assertThat(d.version()).isEqualTo("3.25.92-1.fc28");
        });
    }

    @Test
    void getRpmDepsObsoletesAndConflicts() {
        Map<Integer, List<KojiRpm>> rpms = client.listRPMs(List.of(966571, 966572));
        int python2Idna = rpms.get(966571).stream().filter(r -> r.name().equals("python2-idna")).findFirst()
                .orElseThrow().id();
        assertThat(client.getRPMDeps(python2Idna, KojiDep.OBSOLETES)).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("python-idna");
            assertThat(d.operator()).isEqualTo("<");
            assertThat(d.version()).isEqualTo("2.5-2.module_bd16c34d");
        });
        int jdk14 = rpms.get(966572).stream().filter(r -> r.name().equals("slf4j-jdk14")).findFirst()
                .orElseThrow().id();
        assertThat(client.getRPMDeps(jdk14, KojiDep.CONFLICTS)).extracting(KojiDep::name)
                .containsExactly("slf4j-log4j12");
        assertThat(client.getRPMDeps(jdk14, KojiDep.SUGGESTS)).isEmpty();
        assertThat(client.getRPMDeps(1, KojiDep.REQUIRES)).isEmpty();
    }

    @Test
    void unknownMethodIsKojisGenericError() {
        assertThatThrownBy(() -> client.call(KojiCall.of("frobnicate", 1)))
                .isInstanceOfSatisfying(KojiFaultException.class, e -> {
                    assertThat(e.faultCode()).isEqualTo(1000);
                    assertThat(e.faultString()).isEqualTo("Invalid method: frobnicate");
                });
    }

    @Test
    void argumentsThatDoNotFitAreAParameterError() {
        assertThatThrownBy(() -> client.call(KojiCall.of("getBuild", 966549).with("colour", "blue")))
                .isInstanceOfSatisfying(KojiFaultException.class, e -> {
                    assertThat(e.faultCode()).isEqualTo(KojiFaultException.PARAMETER_ERROR);
                    assertThat(e.faultString()).isEqualTo("getBuild() got an unexpected keyword argument 'colour'");
                });
        assertThatThrownBy(() -> client.call(KojiCall.of("getTag")))
                .isInstanceOf(KojiFaultException.class).hasMessageContaining("missing required argument: 'tagInfo'");
    }
}
