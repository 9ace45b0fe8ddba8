package org.fedoraproject.pdcupdater.handler.composes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.audit.AuditReport;
import org.fedoraproject.pdcupdater.audit.Difference;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.handler.InitializeResult;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.handler.UnknownReleaseException;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.reconcile.FailureClassifier;
import org.fedoraproject.pdcupdater.sandbox.compose.BundledComposeTree;
import org.fedoraproject.pdcupdater.sandbox.compose.RpmsManifestWriter;
import org.fedoraproject.pdcupdater.source.http.SourceException;
import org.fedoraproject.pdcupdater.testsupport.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composes handler against the real PDC sandbox and the compose tree stand-in over HTTP, with the compose of the
 * fixtures (composeinfo.json and images.json of Fedora-24-20151130.n.2, a generated rpms.json in the published
 * layout).
 */
class ComposesHandlerTest {

    static final String ID = BundledComposeTree.COMPOSE_ID;
    static final String MOVED = BundledComposeTree.MESSAGE_COMPOSE_ID;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tree;
    Path top;
    Path metadata;
    ComposeWorld world;

    @BeforeEach
    void setUp() {
        top = BundledComposeTree.write(tree);
        metadata = top.resolve("compose/metadata");
        world = ComposeWorld.start(tree);
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private FedmsgEnvelope finished(String msgId) {
        return Messages.statusChange(msgId, "FINISHED", ID, ComposeWorld.location("rawhide", ID));
    }

    @Test
    void theFixtureComposeImportsEndToEndWithItsRpmsAndImages() throws IOException {
        world.handler.handle(finished("2015-compose-1"));

        JsonNode compose = world.get("composes", ID);
        assertThat(compose.path("release").asText()).isEqualTo("fedora-24");
        assertThat(compose.path("compose_type").asText()).isEqualTo("nightly");
        assertThat(compose.path("compose_date").asText()).isEqualTo("2015-11-30");
        assertThat(compose.path("compose_respin").asInt()).isEqualTo(2);

        // RPMs: every entry of rpms.json is in PDC's manifest of the compose, path, sigkey and category included.
        JsonNode sent = JSON.readTree(metadata.resolve("rpms.json").toFile()).path("payload").path("rpms");
        JsonNode stored = world.get("compose-rpms", ID).path("payload").path("rpms");
        assertThat(leaves(stored)).isEqualTo(leaves(sent)).hasSize(4 * 3 * BundledComposeTree.PACKAGES_PER_ARCH * 3);
        // distinct NEVRAs: per rpm arch a binary and a debuginfo per package, plus the shared source rpms
        assertThat(world.count("rpms", Map.of("compose", ID))).isEqualTo(3 * 2 * 4 + 4);
        assertThat(world.count("rpms", Map.of("compose", ID, "arch", "src"))).isEqualTo(4);

        // Images: each image of images.json with checksums, format, type, arch, size (images/) and path (manifest).
        JsonNode images = JSON.readTree(metadata.resolve("images.json").toFile()).path("payload").path("images");
        Set<String> expected = new HashSet<>();
        Set<String> expectedPaths = new HashSet<>();
        images.fields().forEachRemaining(v -> v.getValue().fields().forEachRemaining(a -> a.getValue().forEach(i -> {
            String path = i.path("path").asText();
            expected.add(path.substring(path.lastIndexOf('/') + 1) + " " + i.path("format").asText() + " "
                    + i.path("type").asText() + " " + i.path("arch").asText() + " " + i.path("size").asLong() + " "
                    + i.path("checksums").path("md5").asText() + " " + i.path("checksums").path("sha1").asText() + " "
                    + i.path("checksums").path("sha256").asText());
            expectedPaths.add(v.getKey() + "." + a.getKey() + " " + path);
        })));
        Set<String> inPdc = new HashSet<>();
        world.pdcClient.list("images", Map.of("compose", ID)).forEach(i -> inPdc.add(i.path("file_name").asText()
                + " " + i.path("image_format").asText() + " " + i.path("image_type").asText() + " "
                + i.path("arch").asText() + " " + i.path("size").asLong() + " " + i.path("md5").asText() + " "
                + i.path("sha1").asText() + " " + i.path("sha256").asText()));
        assertThat(inPdc).hasSize(11).isEqualTo(expected);
        Set<String> paths = new HashSet<>();
        world.get("compose-images", ID).path("payload").path("images").fields().forEachRemaining(v -> v.getValue()
                .fields().forEachRemaining(a -> a.getValue().forEach(i -> paths.add(v.getKey() + "." + a.getKey()
                        + " " + i.path("path").asText()))));
        assertThat(paths).isEqualTo(expectedPaths);

        // armhfp is not seeded in PDC: the handler created it.
        assertThat(world.pdcClient.listAll("arches", Map.of())).anyMatch(a -> a.path("name").asText().equals("armhfp"));
        assertThat(world.get("releases", "fedora-24").path("compose_set").toString()).contains(ID);
    }

    @Test
    void handlingTheSameMessageAgainChangesNothing() {
        world.handler.handle(finished("2015-compose-1"));
        int changesets = world.count("changesets", Map.of());

        world.handler.handle(finished("2015-compose-2"));
        ComposeImporter.Outcome again = world.importer.importCompose(
                org.fedoraproject.pdcupdater.source.compose.ComposeLocation.parse(ComposeWorld.location("rawhide", ID)),
                ID, ChangeComment.of("test"));

        assertThat(again.alreadyComplete()).isTrue();
        assertThat(world.count("changesets", Map.of())).isEqualTo(changesets);
    }

    @Test
    void aComposeThatIsNotFinishedIsIgnoredAndTheFixtureMessagesAreUnderstood() {
        JsonNode started = Fixtures.json("fedmsg/pungi.compose.status.change--TestPungiKojiStart.json");
        world.handler.handle(Messages.envelope("2015-start", (ObjectNode) started.get("msg")));
        assertThat(world.count("composes", Map.of())).isZero();

        // The fixture's FINISHED message names Fedora-24-20151208.n.7, which the stand-in serves (the fixture
        // compose moved to that identity): imported.
        JsonNode complete = Fixtures.json("fedmsg/pungi.compose.status.change--TestPungiKojiComplete.json");
        world.handler.handle(Messages.envelope("2015-done", (ObjectNode) complete.get("msg")));
        assertThat(world.count("composes", Map.of())).isEqualTo(1);
        assertThat(world.count("images", Map.of("compose", "Fedora-24-20151208.n.7"))).isEqualTo(11);

        // A compose whose metadata is not there: a 404, permanent, with the URL in the reason.
        ObjectNode absent = ((ObjectNode) complete.get("msg")).deepCopy();
        absent.put("compose_id", "Fedora-24-20151208.n.8").put("location",
                absent.get("location").asText().replace("20151208.n.7", "20151208.n.8"));
        assertThatThrownBy(() -> world.handler.handle(Messages.envelope("2015-absent", absent)))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(FailureClassifier.isPermanent(e)).isTrue();
                    assertThat(e.getMessage()).contains("Fedora-24-20151208.n.8/compose/metadata/composeinfo.json");
                });
        assertThat(world.count("composes", Map.of())).isEqualTo(1);
    }

    // --- bad input: dead letter with a clear reason, PDC unchanged -------------------------------------------------

    /** armhfp made beforehand, so "unchanged" can be checked on PDC's whole change log. */
    private int changesetsBeforeBadInput() {
        world.pdcClient.create("arches", Map.of("name", "armhfp"), ChangeComment.of("test setup"));
        return world.count("changesets", Map.of());
    }

    private void assertPdcUnchanged(int changesets) {
        assertThat(world.count("composes", Map.of())).isZero();
        assertThat(world.count("rpms", Map.of())).isZero();
        assertThat(world.count("images", Map.of())).isZero();
        assertThat(world.count("changesets", Map.of())).isEqualTo(changesets);
    }

    private void bigManifest(int packagesPerArch) {
        RpmsManifestWriter.write(metadata.resolve("rpms.json"), BundledComposeTree.specFor(
                JSON.valueToTree(readJson(metadata.resolve("composeinfo.json"))), packagesPerArch));
    }

    @Test
    void aTruncatedManifestIsRejectedAndTheAbortedUploadLeavesPdcUnchanged() throws IOException {
        bigManifest(600); // about 7 MB: the upload is well under way when the end is missing
        byte[] whole = Files.readAllBytes(metadata.resolve("rpms.json"));
        Files.write(metadata.resolve("rpms.json"), java.util.Arrays.copyOf(whole, whole.length * 9 / 10));
        int changesets = changesetsBeforeBadInput();

        assertThatThrownBy(() -> world.handler.handle(finished("2015-truncated")))
                .isInstanceOf(InvalidComposeMetadataException.class)
                .hasMessageContaining("rpms.json at ").hasMessageContaining("ends early");
        assertPdcUnchanged(changesets);
    }

    @Test
    void aBadEntryDeepInTheManifestAbortsTheUploadMidway() throws IOException {
        bigManifest(600);
        String text = Files.readString(metadata.resolve("rpms.json"));
        int last = text.lastIndexOf("\"category\": \"debug\"");
        Files.writeString(metadata.resolve("rpms.json"), text.substring(0, last) + "\"category\": \"bogus\""
                + text.substring(last + "\"category\": \"debug\"".length()));
        int changesets = changesetsBeforeBadInput();

        assertThatThrownBy(() -> world.handler.handle(finished("2015-bogus")))
                .isInstanceOf(InvalidComposeMetadataException.class)
                .hasMessageContaining("category 'bogus'").hasMessageContaining("Workstation.x86_64");
        assertPdcUnchanged(changesets);
    }

    @Test
    void aManifestOfAnotherComposeIsRejected() {
        JsonNode composeinfo = readJson(metadata.resolve("composeinfo.json"));
        RpmsManifestWriter.Spec spec = BundledComposeTree.specFor(composeinfo, 3);
        RpmsManifestWriter.write(metadata.resolve("rpms.json"), new RpmsManifestWriter.Spec("Fedora-24-20151201.n.0",
                spec.date(), spec.respin(), spec.type(), spec.variantArches(), 3));
        int changesets = changesetsBeforeBadInput();

        assertThatThrownBy(() -> world.handler.handle(finished("2015-other")))
                .isInstanceOf(InvalidComposeMetadataException.class)
                .hasMessageContaining("is for compose 'Fedora-24-20151201.n.0', composeinfo.json for '" + ID + "'");
        assertPdcUnchanged(changesets);
    }

    @Test
    void aMessageWhoseComposeIdDiffersFromTheMetadataIsRejected() {
        int changesets = changesetsBeforeBadInput();
        FedmsgEnvelope msg = Messages.statusChange("2015-mismatch", "FINISHED", "Fedora-24-20151202.n.1",
                ComposeWorld.location("rawhide", ID));

        assertThatThrownBy(() -> world.handler.handle(msg))
                .isInstanceOf(InvalidComposeMetadataException.class)
                .hasMessageContaining("names compose 'Fedora-24-20151202.n.1'");
        assertPdcUnchanged(changesets);
    }

    @Test
    void missingMetadataIsASourceFailureNamingTheFile() throws IOException {
        Files.delete(metadata.resolve("images.json"));
        int changesets = changesetsBeforeBadInput();

        assertThatThrownBy(() -> world.handler.handle(finished("2015-noimages")))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.isTransient()).isFalse();
                })
                .hasMessageContaining("/compose/metadata/images.json answered 404");
        assertPdcUnchanged(changesets);
    }

    @Test
    void aComposeOfAReleasePdcLacksIsAnUnknownRelease() throws IOException {
        ObjectNode composeinfo = (ObjectNode) readJson(metadata.resolve("composeinfo.json"));
        ((ObjectNode) composeinfo.path("payload").path("release")).put("version", "99");
        JSON.writeValue(metadata.resolve("composeinfo.json").toFile(), composeinfo);
        int changesets = changesetsBeforeBadInput();

        assertThatThrownBy(() -> world.handler.handle(finished("2015-f99")))
                .isInstanceOfSatisfying(UnknownReleaseException.class,
                        e -> assertThat(e.release()).isEqualTo("fedora-99"));
        assertPdcUnchanged(changesets);
    }

    @Test
    void aComposeWithoutRpmsJsonIsImportedWithItsImagesOnly() throws IOException {
        Files.delete(metadata.resolve("rpms.json")); // Atomic composes have none (fedora-infra/pdc-updater#11)

        world.handler.handle(finished("2015-atomic"));

        assertThat(world.count("images", Map.of("compose", ID))).isEqualTo(11);
        assertThat(world.count("rpms", Map.of())).isZero();
        int changesets = world.count("changesets", Map.of());
        world.handler.handle(finished("2015-atomic-again"));
        assertThat(world.count("changesets", Map.of())).isEqualTo(changesets);
    }

    @Test
    void aComposeWhoseImagesFailedEarlierGetsOnlyItsImagesOnTheNextTry() throws IOException {
        // images.json that PDC refuses (an image format it does not know): the RPMs go in, the images do not.
        String images = Files.readString(metadata.resolve("images.json"));
        Files.writeString(metadata.resolve("images.json"), images.replaceFirst("\"format\": \"iso\"",
                "\"format\": \"vhd-compressed\""));
        assertThatThrownBy(() -> world.handler.handle(finished("2015-first")))
                .hasMessageContaining("ImageFormat matching query does not exist");
        int rpms = world.count("rpms", Map.of("compose", ID));
        assertThat(rpms).isPositive();
        assertThat(world.count("images", Map.of())).isZero();

        Files.writeString(metadata.resolve("images.json"), images); // fixed at the source (or in PDC)
        world.handler.handle(finished("2015-retry"));

        assertThat(world.count("images", Map.of("compose", ID))).isEqualTo(11);
        assertThat(world.count("rpms", Map.of("compose", ID))).isEqualTo(rpms);
    }

    // --- audit and initialize ---------------------------------------------------------------------------------------

    @Test
    void auditFindsTheMissingComposeAndInitializeImportsIt() {
        // The bundled tree has two finished composes: the fixture's and the one the fixture messages name.
        AuditReport before = world.handler.audit(AuditRequest.reportOnly());
        assertThat(before.count(Difference.Kind.ABSENT_FROM_PDC)).isEqualTo(2);
        assertThat(before.firstDifferences()).extracting(Difference::key).containsExactlyInAnyOrder(ID, MOVED);

        InitializeResult result = world.handler.initialize(Progress.SILENT);
        assertThat(result.examined()).isEqualTo(2);
        assertThat(result.written()).isEqualTo(2);
        assertThat(world.count("images", Map.of("compose", ID))).isEqualTo(11);

        assertThat(world.handler.audit(AuditRequest.reportOnly()).clean()).isTrue();
        assertThat(world.handler.initialize(Progress.SILENT).written()).isZero();
    }

    @Test
    void auditComparesEachImageWithImagesJson() throws IOException {
        world.handler.initialize(Progress.SILENT);
        // The source now says something else about one image (as if PDC had a wrong size).
        String images = Files.readString(metadata.resolve("images.json"));
        Files.writeString(metadata.resolve("images.json"), images.replaceFirst("\"size\": 519045120",
                "\"size\": 519045121"));

        AuditReport report = world.handler.audit(AuditRequest.reportOnly());

        assertThat(report.count(Difference.Kind.DIFFERENT)).isEqualTo(1);
        Difference d = report.firstDifferences().get(0);
        assertThat(d.key()).isEqualTo(ID + "/Fedora-24-20151130.n.2-Cloud-i386-boot.iso");
        assertThat(d.source()).contains("size=519045121");
        assertThat(d.pdc()).contains("size=519045120");
    }

    @Test
    void auditWithRepairImportsWhatIsMissing() {
        AuditReport report = world.handler.audit(new AuditRequest(true, 10, Progress.SILENT));
        assertThat(report.count(Difference.Kind.ABSENT_FROM_PDC)).isEqualTo(2);
        assertThat(world.handler.audit(AuditRequest.reportOnly()).clean()).isTrue();
    }

    @Test
    void composesThatAreNotFinishedAreNotListed() throws IOException {
        Path running = tree.resolve("rawhide/Fedora-24-20151201.n.0");
        Files.createDirectories(running.resolve("compose/metadata"));
        Files.writeString(running.resolve("STATUS"), "STARTED\n");
        Files.createDirectories(tree.resolve("rawhide/latest-Fedora-24"));

        assertThat(world.source.finishedComposes()).extracting(c -> c.composeId()).containsExactlyInAnyOrder(ID, MOVED);
    }

    private static Set<String> leaves(JsonNode rpms) {
        Set<String> out = new HashSet<>();
        rpms.fields().forEachRemaining(v -> v.getValue().fields().forEachRemaining(a -> a.getValue().fields()
                .forEachRemaining(s -> s.getValue().fields().forEachRemaining(r -> out.add(v.getKey() + "."
                        + a.getKey() + " " + s.getKey() + " " + r.getKey() + " " + r.getValue().path("path").asText()
                        + " " + r.getValue().path("sigkey").asText("null") + " "
                        + r.getValue().path("category").asText())))));
        return out;
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
