package org.fedoraproject.pdcupdater.sandbox.koji;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.fedoraproject.pdcupdater.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The bundled stand-in data agrees with every Koji message among the shared fixtures. */
class KojiDataFixturesTest {

    private static final KojiData DATA = KojiData.bundled();

    static Stream<String> buildMessages() throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.path("fedmsg"))) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("buildsys.tag--") || n.startsWith("buildsys.untag--")
                            || n.startsWith("buildsys.build.state.change--"))
                    .sorted().toList();
            assertThat(names).hasSize(10);
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("buildMessages")
    void everyBuildInAMessageExistsWithTheSameNvrAndOwner(String file) {
        JsonNode msg = Fixtures.json("fedmsg/" + file).path("msg");
        StandinBuild build = DATA.build(msg.path("build_id").asInt()).orElseThrow();
        assertThat(build.name()).isEqualTo(msg.path("name").asText());
        assertThat(build.version()).isEqualTo(msg.path("version").asText());
        assertThat(build.release()).isEqualTo(msg.path("release").asText());
        assertThat(build.ownerName()).isEqualTo(msg.path("owner").asText());
        if (msg.has("task_id")) {
            assertThat(build.taskId()).isEqualTo(msg.path("task_id").asInt());
        }
        // Found by N-V-R too, for messages without an id.
        assertThat(DATA.build(build.name(), build.version(), build.release())).contains(build);
    }

    @ParameterizedTest
    @MethodSource("buildMessages")
    void tagsInMessagesExistWithTheirIdsAndTheBuildIsWhereTheMessageLeftIt(String file) {
        JsonNode msg = Fixtures.json("fedmsg/" + file).path("msg");
        if (!msg.has("tag")) {
            return;
        }
        StandinTag tag = DATA.tag(msg.path("tag").asText()).orElseThrow();
        assertThat(tag.id()).isEqualTo(msg.path("tag_id").asInt());
        boolean tagged = DATA.taggedNewestFirst(tag.name()).contains(msg.path("build_id").asInt());
        assertThat(tagged).as(file).isEqualTo(file.startsWith("buildsys.tag--"));
    }

    @Test
    void completedBuildsHaveRpmsAndTheOneStillBuildingHasNone() throws IOException {
        for (String file : buildMessages().toList()) {
            JsonNode msg = Fixtures.json("fedmsg/" + file).path("msg");
            StandinBuild build = DATA.build(msg.path("build_id").asInt()).orElseThrow();
            if (build.state() == StandinBuild.COMPLETE) {
                assertThat(DATA.rpmsOf(build.id())).as(build.nvr())
                        .anySatisfy(r -> assertThat(r.arch()).isEqualTo("src"))
                        .anySatisfy(r -> assertThat(r.arch()).isNotEqualTo("src"))
                        .allSatisfy(r -> assertThat(r.release()).isEqualTo(build.release()));
            } else {
                assertThat(DATA.rpmsOf(build.id())).isEmpty();
            }
        }
        assertThat(DATA.build(12345).orElseThrow().state()).isEqualTo(StandinBuild.BUILDING);
    }

    @Test
    void signedRpmsMatchTheRpmSignMessages() {
        List<JsonNode> signs = Fixtures.datagrepperMessages().stream()
                .filter(m -> m.path("topic").asText().endsWith("buildsys.rpm.sign")).toList();
        assertThat(signs).hasSize(3);
        for (JsonNode sign : signs) {
            JsonNode rpm = sign.path("msg").path("rpm");
            StandinRpm stored = DATA.rpm(rpm.path("id").asInt()).orElseThrow();
            assertThat(stored.name()).isEqualTo(rpm.path("name").asText());
            assertThat(stored.arch()).isEqualTo(rpm.path("arch").asText());
            assertThat(stored.buildId()).isEqualTo(rpm.path("build_id").asInt());
            assertThat(stored.payloadhash()).isEqualTo(rpm.path("payloadhash").asText());
            assertThat(stored.size()).isEqualTo(rpm.path("size").asLong());
            assertThat(stored.buildrootId()).isEqualTo(rpm.path("buildroot_id").asInt());
            JsonNode build = sign.path("msg").path("build");
            StandinBuild b = DATA.build(build.path("id").asInt()).orElseThrow();
            assertThat(b.packageId()).isEqualTo(build.path("package_id").asInt());
            assertThat(b.ownerId()).isEqualTo(build.path("owner_id").asInt());
            assertThat(b.creationEventId()).isEqualTo(build.path("creation_event_id").asInt());
            assertThat(b.creationTs()).isEqualTo(build.path("creation_ts").asDouble());
        }
    }

    @Test
    void rpmIdsAndNvrasAreUnique() {
        assertThat(DATA.rpmCount()).isEqualTo((int) DATA.allRpms().stream().map(StandinRpm::nvra).distinct().count());
        assertThat(DATA.buildCount()).isEqualTo(13);
    }
}
