package org.fedoraproject.pdcupdater.handler.rpms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.UnknownReleaseException;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handle face against the real PDC sandbox and the Koji stand-in, with the fixture messages. */
class RpmsHandlerTest {

    static final String TAG_F28 = "buildsys.tag--2017-2bc4917c.json";
    static final String TAG_F27_GNOME = "buildsys.tag--2017-b8555ab6.json";
    static final String UNTAG_F28_PENDING = "buildsys.untag--2017-0bd18918.json";

    private RpmsSystems systems;
    private RpmsHandler handler;

    @BeforeEach
    void setUp() {
        systems = new RpmsSystems();
        handler = systems.handler("f28");
    }

    @AfterEach
    void tearDown() {
        systems.close();
    }

    @Test
    void aBuildTaggedIntoAReleaseTagGetsEveryRpmLinkedToTheRelease() {
        handler.handle(RpmsSystems.fixture(TAG_F28));

        List<JsonNode> rows = systems.rows();
        // template-glib-3.25.92-1.fc28 (build 966549): the source RPM and three packages on seven arches.
        assertThat(rows).hasSize(22);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.path("srpm_name").asText()).isEqualTo("template-glib");
            assertThat(row.path("version").asText()).isEqualTo("3.25.92");
            assertThat(row.path("release").asText()).isEqualTo("1.fc28");
            assertThat(row.path("epoch").isInt()).isTrue();
            assertThat(row.path("epoch").asInt()).isZero();
            assertThat(row.path("linked_releases")).extracting(JsonNode::asText).containsExactly("fedora-28");
            assertThat(row.path("filename").asText()).isEqualTo(row.path("name").asText() + "-3.25.92-1.fc28."
                    + row.path("arch").asText() + ".rpm");
        });
        JsonNode src = rows.stream().filter(r -> r.path("arch").asText().equals("src")).findFirst().orElseThrow();
        assertThat(src.path("name").asText()).isEqualTo("template-glib");
        assertThat(src.path("srpm_nevra").isNull()).isTrue();
        assertThat(rows).filteredOn(r -> !r.path("arch").asText().equals("src"))
                .hasSize(21)
                .allSatisfy(r -> assertThat(r.path("srpm_nevra").asText()).isEqualTo("template-glib-0:3.25.92-1.fc28.src"));
        assertThat(rows).extracting(RpmsSystems::nevra).contains("template-glib-devel-0:3.25.92-1.fc28.x86_64",
                "template-glib-debuginfo-0:3.25.92-1.fc28.s390x", "template-glib-0:3.25.92-1.fc28.armv7hl");
        // One bulk create, one changeset.
        assertThat(systems.changesets()).isEqualTo(1);
        assertThat(systems.counter("pdcupdater.rpms.changes", "kind", "created")).isEqualTo(22);
    }

    @Test
    void handlingAMessageTwiceWritesNothingTheSecondTime() {
        FedmsgEnvelope message = RpmsSystems.fixture(TAG_F28);
        handler.handle(message);
        List<JsonNode> after = systems.rows();
        int changesets = systems.changesets();

        handler.handle(message);

        assertThat(systems.rows()).isEqualTo(after);
        assertThat(systems.changesets()).isEqualTo(changesets);
    }

    @Test
    void aTagThatFeedsNoReleaseIsIgnoredAndCounted() {
        handler.handle(RpmsSystems.fixture(TAG_F27_GNOME));
        handler.handle(RpmsSystems.fixture(UNTAG_F28_PENDING));

        assertThat(systems.rows()).isEmpty();
        assertThat(systems.changesets()).isZero();
        assertThat(systems.counter("pdcupdater.rpms.ignored", "reason", "tag-without-release")).isEqualTo(2);
        assertThat(systems.koji.standin().requestCount()).isZero();
    }

    @Test
    void messagesOfSecondaryArchHubsAreIgnored() {
        handler.handle(RpmsSystems.edited(TAG_F28, msg -> msg.put("instance", "ppc")));

        assertThat(systems.rows()).isEmpty();
        assertThat(systems.counter("pdcupdater.rpms.ignored", "reason", "secondary-hub")).isEqualTo(1);
    }

    @Test
    void untagRemovesTheReleaseLinkAndKeepsTheRows() {
        handler.handle(RpmsSystems.fixture(TAG_F28));
        // The untag fixture is from f28-pending, which feeds no release; the same untag from f28 does.
        handler.handle(RpmsSystems.edited(UNTAG_F28_PENDING, msg -> msg.put("tag", "f28")));

        List<JsonNode> rows = systems.rows();
        assertThat(rows).hasSize(22).allSatisfy(row -> assertThat(row.path("linked_releases")).isEmpty());
        assertThat(systems.rowsLinkedTo("fedora-28")).isEmpty();

        int changesets = systems.changesets();
        handler.handle(RpmsSystems.edited(UNTAG_F28_PENDING, msg -> msg.put("tag", "f28")));
        assertThat(systems.changesets()).isEqualTo(changesets);
    }

    @Test
    void untagKeepsTheLinksToOtherReleases() {
        handler.handle(RpmsSystems.fixture(TAG_F28));
        handler.handle(RpmsSystems.edited(TAG_F28, msg -> msg.put("tag", "f28-updates")));
        assertThat(systems.rows()).hasSize(22).allSatisfy(row -> assertThat(row.path("linked_releases"))
                .extracting(JsonNode::asText).containsExactly("fedora-28", "fedora-28-updates"));

        handler.handle(RpmsSystems.edited(UNTAG_F28_PENDING, msg -> msg.put("tag", "f28")));

        assertThat(systems.rows()).hasSize(22).allSatisfy(row -> assertThat(row.path("linked_releases"))
                .extracting(JsonNode::asText).containsExactly("fedora-28-updates"));
    }

    @Test
    void aMessageWithoutBuildIdIsResolvedByNvr() {
        handler.handle(RpmsSystems.edited(TAG_F28, msg -> msg.remove("build_id")));

        assertThat(systems.koji.standin().callCount("getBuild")).isEqualTo(1);
        RpmsSystems withId = new RpmsSystems();
        try {
            withId.handler("f28").handle(RpmsSystems.fixture(TAG_F28));
            assertThat(systems.rows()).hasSize(22).isEqualTo(withId.rows());
        } finally {
            withId.close();
        }
    }

    @Test
    void aTagThatMapsToAReleasePdcLacksIsAnUnknownRelease() {
        FedmsgEnvelope message = RpmsSystems.edited(TAG_F28, msg -> msg.put("tag", "f99"));

        assertThatThrownBy(() -> handler.handle(message)).isInstanceOf(UnknownReleaseException.class)
                .hasMessageContaining("fedora-99");
        assertThat(systems.rows()).isEmpty();
    }

    @Test
    void aBuildKojiDoesNotKnowByNvrIsInvalid() {
        FedmsgEnvelope message = RpmsSystems.edited(TAG_F28, msg -> {
            msg.remove("build_id");
            msg.put("version", "0.0.1");
        });

        assertThatThrownBy(() -> handler.handle(message))
                .isInstanceOf(org.fedoraproject.pdcupdater.handler.InvalidMessageException.class)
                .hasMessageContaining("template-glib-0.0.1-1.fc28");
    }

    @Test
    void aBuildPartlyInPdcGetsOnlyTheMissingRowsAndLinks() {
        handler.handle(RpmsSystems.fixture(TAG_F28));
        // Unlink one row and link another to a second release beforehand, as an earlier tagging would have.
        List<JsonNode> rows = systems.pdc.list("rpms", Map.of());
        systems.pdc.patch("rpms", rows.get(0).path("id").asInt(), Map.of("linked_releases", List.of()),
                org.fedoraproject.pdcupdater.pdc.ChangeComment.of("test"));
        int changesets = systems.changesets();

        handler.handle(RpmsSystems.edited(TAG_F28, msg -> { }));

        assertThat(systems.rowsLinkedTo("fedora-28")).hasSize(22);
        assertThat(systems.changesets()).isEqualTo(changesets + 1);
    }

    @Test
    void theBundledKojiDataMatchesTheFixture() {
        // Guards the assumption the tests above make about the stand-in data.
        assertThat(KojiData.bundled().rpmsOf(966549)).hasSize(22);
    }
}
