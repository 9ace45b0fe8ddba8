package org.fedoraproject.pdcupdater.pdc.resource;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcResource;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code composes/} (2.19: read, PATCH, soft DELETE; no create) and the imports that create composes,
 * {@code compose-rpms/} (2.20) and {@code compose-images/} (2.21). Imports are idempotent in PDC, so they are
 * retried like reads.
 */
public final class Composes extends ResourceFacade<Composes.Compose> {

    /** The only keys PDC lets a PATCH change. */
    public static final Set<String> UPDATABLE = Set.of("acceptance_testing", "linked_releases",
            "rtt_tested_architectures");

    public record Compose(String composeId, String composeDate, String composeType, Integer composeRespin,
                          String release, String composeLabel, Boolean deleted, String rpmMappingTemplate,
                          List<String> sigkeys, String acceptanceTesting, List<String> linkedReleases,
                          Map<String, Map<String, String>> rttTestedArchitectures) {
    }

    /** An import's answer: {@code {"compose": id, "imported rpms"|"imported images": n}}. */
    public record ImportResult(String compose, int imported) {
        static ImportResult of(JsonNode answer, String countKey) {
            return new ImportResult(answer.path("compose").asText(null), answer.path(countKey).asInt());
        }
    }

    public Composes(PdcClient pdc) {
        super(pdc, PdcResource.COMPOSES, Compose.class);
    }

    public Optional<Compose> get(String composeId) {
        return read(pdc.find(resource.path(), composeId));
    }

    /** The Python updater skips an import when the compose already exists; this is that check. */
    public boolean exists(String composeId) {
        return pdc.find(resource.path(), composeId).isPresent();
    }

    /** PATCH; only {@link #UPDATABLE} keys are accepted (PDC rejects others with a 400). */
    public Compose patch(String composeId, Map<String, ?> changes, ChangeComment comment) {
        List<String> refused = changes.keySet().stream().filter(k -> !UPDATABLE.contains(k)).toList();
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException("PDC composes accept PATCH only of " + UPDATABLE + ", not " + refused);
        }
        return read(pdc.patch(resource.path(), composeId, changes, comment));
    }

    /** {@code untested}, {@code passed} or {@code failed}. */
    public Compose setAcceptanceTesting(String composeId, String status, ChangeComment comment) {
        return patch(composeId, Map.of("acceptance_testing", status), comment);
    }

    /**
     * Adds a release to {@code linked_releases} (PATCH replaces the list; the current list is read fresh, see
     * {@link Rpms#linkRelease}).
     */
    public Compose linkRelease(String composeId, String releaseId, ChangeComment comment) {
        Compose current = read(pdc.findOneFresh(resource.path(), filter("compose_id", composeId)))
                .orElseThrow(() -> new IllegalArgumentException("no compose " + composeId + " in PDC"));
        List<String> linked = plus(current.linkedReleases(), releaseId);
        return linked == null ? current : patch(composeId, Map.of("linked_releases", linked), comment);
    }

    /** {@code POST compose-rpms/} with productmd composeinfo and rpms manifest. */
    public ImportResult importRpms(String releaseId, JsonNode composeinfo, JsonNode rpmManifest,
                                   ChangeComment comment) {
        return ImportResult.of(pdc.post(PdcResource.COMPOSE_RPMS.path(), Map.of("release_id",
                Objects.requireNonNull(releaseId), "composeinfo", composeinfo, "rpm_manifest", rpmManifest),
                comment), "imported rpms");
    }

    /**
     * {@code POST compose-rpms/} with a body the caller streams: the whole
     * {@code {"release_id", "composeinfo", "rpm_manifest"}} document, for manifests too big to hold as a tree.
     * {@code body} must give a fresh publisher per attempt; see {@link PdcClient#postBody}.
     */
    public ImportResult importRpms(Supplier<HttpRequest.BodyPublisher> body, Duration timeout,
                                   ChangeComment comment) {
        return ImportResult.of(pdc.postBody(PdcResource.COMPOSE_RPMS.path(), body, timeout, comment),
                "imported rpms");
    }

    /** {@code POST compose-images/} with productmd composeinfo and images manifest. */
    public ImportResult importImages(String releaseId, JsonNode composeinfo, JsonNode imageManifest,
                                     ChangeComment comment) {
        return ImportResult.of(pdc.post(PdcResource.COMPOSE_IMAGES.path(), Map.of("release_id",
                Objects.requireNonNull(releaseId), "composeinfo", composeinfo, "image_manifest", imageManifest),
                comment), "imported images");
    }

    /** Streaming variant of {@link #importImages(String, JsonNode, JsonNode, ChangeComment)}. */
    public ImportResult importImages(Supplier<HttpRequest.BodyPublisher> body, Duration timeout,
                                     ChangeComment comment) {
        return ImportResult.of(pdc.postBody(PdcResource.COMPOSE_IMAGES.path(), body, timeout, comment),
                "imported images");
    }
}
