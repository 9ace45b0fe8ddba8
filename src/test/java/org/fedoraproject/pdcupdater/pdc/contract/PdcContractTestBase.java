package org.fedoraproject.pdcupdater.pdc.contract;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcAuthException;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcDuplicateException;
import org.fedoraproject.pdcupdater.pdc.PdcException;
import org.fedoraproject.pdcupdater.pdc.PdcInvalidRequestException;
import org.fedoraproject.pdcupdater.pdc.PdcNotFoundException;
import org.fedoraproject.pdcupdater.pdc.PdcOutcome;
import org.fedoraproject.pdcupdater.pdc.PdcPage;
import org.fedoraproject.pdcupdater.pdc.PdcSettings;
import org.fedoraproject.pdcupdater.pdc.resource.GlobalComponents;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.pdc.resource.ReleaseComponents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

/**
 * The traps of the PDC contract (/work/shared/pdc-api.md), checked against a live server through {@link PdcClient}.
 * Subclasses say where the server is: the sandbox, or a real PDC ({@link RealPdcContractIT}).
 *
 * <p>Every test creates its own data under names unique to the run, and deletes what PDC lets it delete afterwards
 * (releases cannot be deleted: they are deactivated), so the suite can run against a shared staging PDC. The token
 * must be allowed to create and delete global components, component group types, component branches, SLA types,
 * branch SLAs and release components, and to create and update releases. Most tests use global components, the
 * plainest endpoint; the duplicate-shape tests need the endpoint that produces each shape.
 */
public abstract class PdcContractTestBase {

    /** Where the API is, e.g. {@code http://127.0.0.1:8123/rest_api/v1/}. */
    protected abstract URI apiRoot();

    /** A token the server accepts for writes. */
    protected abstract String token();

    private static final String RUN = randomLetters(10);

    private PdcClient client;
    private final Deque<Runnable> cleanup = new ArrayDeque<>();

    @BeforeEach
    void connect() {
        client = new PdcClient(settings(token()));
    }

    @AfterEach
    void cleanUp() {
        while (!cleanup.isEmpty()) {
            try {
                cleanup.pop().run();
            } catch (RuntimeException e) {
                // best effort: leftovers carry the run's unique prefix
            }
        }
        client.close();
    }

    protected PdcSettings settings(String token) {
        return PdcSettings.builder(apiRoot()).token(token).maxAttempts(3).initialBackoff(Duration.ofMillis(200))
                .readTimeout(Duration.ofSeconds(30)).build();
    }

    protected PdcClient client() {
        return client;
    }

    /** A name unique to this run: lower-case letters, digits and dashes (valid anywhere, even a release short). */
    protected static String name(String what) {
        return "ct" + RUN + "-" + what;
    }

    protected ChangeComment comment(String what) {
        return ChangeComment.of("pdc-updater contract test " + RUN + " " + what);
    }

    // --- helpers that create data and register its removal --------------------------------------------------------

    private JsonNode createDeleting(String resource, Object body) {
        JsonNode created = client.create(resource, body, comment("setup"));
        String key = created.path("id").asText();
        cleanup.push(() -> client.delete(resource, key, comment("cleanup")));
        return created;
    }

    private JsonNode groupType(String what) {
        return createDeleting("component-group-types", Map.of("name", name(what), "description", "contract"));
    }

    private JsonNode globalComponent(String what) {
        return createDeleting("global-components", Map.of("name", name(what)));
    }

    private JsonNode release(String what) {
        String shortName = ("ct" + RUN + what).replaceAll("[^a-z]", "");
        JsonNode created = client.create("releases", Map.of("short", shortName, "version", "1", "name", "Contract test",
                "release_type", "ga"), comment("setup"));
        String id = created.path("release_id").asText();
        cleanup.push(() -> client.patch("releases", id, Map.of("active", false), comment("cleanup")));
        return created;
    }

    // --- paging -------------------------------------------------------------------------------------------------

    @Test
    void pagingFollowsNextLinksAcrossSeveralPages() {
        List<String> names = IntStream.range(0, 5).mapToObj(i -> name("page-" + i)).toList();
        names.forEach(n -> createDeleting("global-components", Map.of("name", n)));

        PdcPage first = client.page("global-components", Map.of("name", names, "page_size", 2));
        List<JsonNode> all = client.list("global-components", Map.of("name", names, "page_size", 2));

        assertThat(first.count()).isEqualTo(5);
        assertThat(first.results()).hasSize(2);
        assertThat(first.next()).isNotNull().startsWith("http");
        assertThat(all).extracting(n -> n.path("name").asText()).containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void pageSizeMinusOneAnswersABareArrayOfEverything() {
        List<String> names = IntStream.range(0, 3).mapToObj(i -> name("all-" + i)).toList();
        names.forEach(n -> createDeleting("global-components", Map.of("name", n)));

        assertThat(client.listAll("global-components", Map.of("name", names)))
                .extracting(n -> n.path("name").asText()).containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void aPagePastTheEndIsNotFound() {
        globalComponent("past-end");

        PdcNotFoundException e = catchThrowableOfType(PdcNotFoundException.class, () -> client.page(
                "global-components", Map.of("name", name("past-end"), "page_size", 2, "page", 99)));
        assertThat(e).isNotNull();
        assertThat(e.body().path("detail").asText()).isEqualTo("Invalid page.");
    }

    // --- duplicates -----------------------------------------------------------------------------------------------

    @Test
    void duplicateShape1UniqueTogetherIsRecognised() {
        String releaseId = release("dupone").path("release_id").asText();
        String gc = globalComponent("dup-rc").path("name").asText();
        Map<String, String> component = Map.of("release", releaseId, "global_component", gc, "name", gc);
        createDeleting("release-components", component);

        PdcDuplicateException e = duplicateOf("release-components", component);
        assertThat(e.body().path("detail").get(0).asText()).contains("must make a unique set");
    }

    @Test
    void duplicateComponentBranchIsRecognised() {
        String gc = globalComponent("branch-gc").path("name").asText();
        Map<String, String> branch = Map.of("global_component", gc, "name", "f27", "type", "rpm");
        createDeleting("component-branches", branch);

        PdcDuplicateException e = duplicateOf("component-branches", branch);
        assertThat(e.body().path("detail").get(0).asText()).contains("must make a unique set");
    }

    @Test
    void duplicateShape2SingleUniqueFieldIsRecognised() {
        groupType("dup-type");

        PdcDuplicateException e = duplicateOf("component-group-types", Map.of("name", name("dup-type")));
        assertThat(e.body().has("name")).isTrue();
    }

    @Test
    void duplicateShape3ModelValidationIsRecognised() {
        globalComponent("dup-gc");

        PdcDuplicateException e = duplicateOf("global-components", Map.of("name", name("dup-gc")));
        assertThat(e.body().path("detail").get(0).asText()).endsWith("already exists.");
    }

    @Test
    void duplicateReleaseWithoutBaseProductIsRecognised() {
        JsonNode r = release("dup");

        duplicateOf("releases", Map.of("short", r.path("short").asText(), "version", "1", "name", "Contract test",
                "release_type", "ga"));
    }

    @Test
    void duplicateSlaOnABranchIsRecognised() {
        String gc = globalComponent("sla-gc").path("name").asText();
        String sla = createDeleting("component-sla-types", Map.of("name", name("sla"), "description", "contract"))
                .path("name").asText();
        Map<String, Object> link = Map.of("sla", sla, "eol", LocalDate.now().plusYears(1).toString(),
                "branch", Map.of("name", "f27", "global_component", gc, "type", "rpm"));
        JsonNode created = createDeleting("component-branch-slas", link);
        cleanup.push(() -> client.delete("component-branches", created.path("branch").path("id").asText(),
                comment("cleanup")));

        PdcDuplicateException e = duplicateOf("component-branch-slas", link);
        assertThat(e.body().has("branch")).isTrue();
    }

    private PdcDuplicateException duplicateOf(String resource, Object body) {
        PdcDuplicateException e = catchThrowableOfType(PdcDuplicateException.class,
                () -> client.create(resource, body, comment("duplicate")));
        assertThat(e).as("second create of %s must be a duplicate", body).isNotNull();
        assertThat(e.status()).isEqualTo(400);
        return e;
    }

    @Test
    void ensureTurnsADuplicateIntoARead() {
        String n = name("ensure");
        // Read first so a caching server (errata 1) holds "absent" for this URL, then create behind ensure's back.
        assertThat(client.findOne("global-components", Map.of("name", n))).isEmpty();
        JsonNode created = globalComponent("ensure");

        PdcOutcome outcome = client.ensureOutcome("global-components", Map.of("name", n), Map.of("name", n),
                comment("ensure"));

        assertThat(outcome.kind()).isEqualTo(PdcOutcome.Kind.FOUND);
        assertThat(outcome.object().path("id").asInt()).isEqualTo(created.path("id").asInt());
    }

    @Test
    void upsertCreatesThenSkipsThenPatchesOnlyWhatChanged() {
        String n = name("upsert");
        Map<String, String> key = Map.of("name", n);
        PdcOutcome created = client.upsertOutcome("global-components", key,
                Map.of("name", n, "dist_git_path", "rpms/one"), comment("upsert"));
        cleanup.push(() -> client.delete("global-components", created.object().path("id").asText(), comment("cleanup")));

        PdcOutcome same = client.upsertOutcome("global-components", key,
                Map.of("name", n, "dist_git_path", "rpms/one"), comment("upsert"));
        PdcOutcome changed = client.upsertOutcome("global-components", key,
                Map.of("id", 0, "name", n, "dist_git_path", "rpms/two", "dist_git_web_url", "ignored"),
                comment("upsert"));

        assertThat(created.kind()).isEqualTo(PdcOutcome.Kind.CREATED);
        assertThat(same.kind()).isEqualTo(PdcOutcome.Kind.UNCHANGED);
        assertThat(changed.kind()).isEqualTo(PdcOutcome.Kind.UPDATED);
        assertThat(client.findOneFresh("global-components", key)).get()
                .extracting(p -> p.path("dist_git_path").asText()).isEqualTo("rpms/two");
    }

    // --- request validation ---------------------------------------------------------------------------------------

    @Test
    void anUnknownQueryParameterIsAnInvalidRequest() {
        PdcInvalidRequestException e = catchThrowableOfType(PdcInvalidRequestException.class,
                () -> client.listAll("global-components", Map.of("bogus_param", "1")));
        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.body().path("detail").asText()).contains("Unknown query params").contains("bogus_param");
    }

    @Test
    void aReadOnlyFieldInABodyIsRejectedAndEnsureStripsIt() {
        Map<String, Object> withId = new LinkedHashMap<>(Map.of("id", 424242, "name", name("read-only")));

        PdcInvalidRequestException e = catchThrowableOfType(PdcInvalidRequestException.class,
                () -> client.create("global-components", withId, comment("read-only")));
        assertThat(e).isNotNull();
        assertThat(e.body().path("detail").toString()).contains("read only");

        JsonNode ensured = client.ensure("global-components", Map.of("name", name("read-only")), withId,
                comment("read-only"));
        cleanup.push(() -> client.delete("global-components", ensured.path("id").asText(), comment("cleanup")));
        assertThat(ensured.path("name").asText()).isEqualTo(name("read-only"));
    }

    @Test
    void anEmptyPatchIsRefusedBeforeItIsSent() {
        JsonNode gc = globalComponent("empty-patch");

        assertThatThrownBy(() -> client.patch("global-components", gc.path("id").asInt(), Map.of(),
                comment("empty"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBulkCreateWithOneBadItemCreatesNothing() {
        String a = name("bulk-a");
        String b = name("bulk-b");
        List<Map<String, String>> bodies = List.of(Map.of("name", a), Map.of("name", b), Map.of("name", a));

        PdcException e = catchThrowableOfType(PdcException.class,
                () -> client.bulkCreate("global-components", bodies, comment("bulk")));
        if (e == null) {
            client.listAll("global-components", Map.of("name", List.of(a, b)))
                    .forEach(gc -> client.delete("global-components", gc.path("id").asText(), comment("cleanup")));
            fail("a bulk create repeating a name succeeded");
        }
        assertThat(e).as("the bulk error wraps a duplicate").isInstanceOf(PdcDuplicateException.class);
        assertThat(e.bulkFailedItem()).map(JsonNode::asInt).contains(2);
        assertThat(client.listAll("global-components", Map.of("name", List.of(a, b))))
                .as("rolled back").isEmpty();
    }

    @Test
    void componentsOfAnInactiveReleaseAreHiddenWithoutTheFlag() {
        String releaseId = release("inactive").path("release_id").asText();
        String gc = globalComponent("rc").path("name").asText();
        JsonNode rc = client.create("release-components", Map.of("release", releaseId, "global_component", gc,
                "name", gc), comment("setup"));
        int id = rc.path("id").asInt();
        Map<String, String> flag = Map.of("include_inactive_release", "1");
        cleanup.push(() -> client.delete("release-components", id, flag, comment("cleanup")));
        assertThat(rc.path("release").path("release_id").asText()).isEqualTo(releaseId);

        client.patch("releases", releaseId, Map.of("active", false), comment("deactivate"));

        assertThat(client.find("release-components", id)).isEmpty();
        assertThat(client.find("release-components", id, flag)).isPresent();
    }

    @Test
    void typedReleaseComponentRoundTrip() {
        Pdc pdc = new Pdc(client);
        String releaseId = release("typed").path("release_id").asText();
        GlobalComponents.GlobalComponent gc = pdc.globalComponents().ensure(name("typed"), comment("typed"));
        cleanup.push(() -> client.delete("global-components", gc.id(), comment("cleanup")));
        ReleaseComponents.NewReleaseComponent wanted =
                ReleaseComponents.NewReleaseComponent.rpm(releaseId, gc.name(), "main");

        ReleaseComponents.ReleaseComponent rc = pdc.releaseComponents().ensure(wanted, comment("typed"));
        cleanup.push(() -> pdc.releaseComponents().delete(rc.id(), comment("cleanup")));
        PdcOutcome again = pdc.releaseComponents().upsert(wanted, comment("typed"));
        PdcOutcome moved = pdc.releaseComponents().upsert(
                ReleaseComponents.NewReleaseComponent.rpm(releaseId, gc.name(), "rawhide"), comment("typed"));
        ReleaseComponents.ReleaseComponent retired = pdc.releaseComponents().setActive(rc.id(), false,
                comment("typed"));

        assertThat(rc.release().releaseId()).isEqualTo(releaseId);
        assertThat(rc.distGitBranch()).isEqualTo("main");
        assertThat(again.kind()).isEqualTo(PdcOutcome.Kind.UNCHANGED);
        assertThat(moved.kind()).isEqualTo(PdcOutcome.Kind.UPDATED);
        assertThat(moved.object().path("dist_git_branch").asText()).isEqualTo("rawhide");
        assertThat(retired.active()).isFalse();
        assertThat(pdc.releaseComponents().find(releaseId, gc.name(), "rpm", false)).get()
                .extracting(ReleaseComponents.ReleaseComponent::id).isEqualTo(rc.id());
    }

    // --- auth -----------------------------------------------------------------------------------------------------

    @Test
    void aWriteWithoutATokenIsUnauthorized() {
        try (PdcClient anonymous = new PdcClient(settings(null))) {
            String n = name("anonymous");
            PdcAuthException e = catchThrowableOfType(PdcAuthException.class,
                    () -> anonymous.create("global-components", Map.of("name", n), comment("anonymous")));
            if (e == null) {
                client.findOneFresh("global-components", Map.of("name", n)).ifPresent(t ->
                        client.delete("global-components", t.path("id").asText(), comment("cleanup")));
                fail("an anonymous write was accepted");
            }
            assertThat(e.status()).isEqualTo(401);
        }
    }

    @Test
    void aBadTokenBreaksReadsToo() {
        String bad = "0000000000badbadbadbad0000000000" + RUN.substring(0, 8);
        try (PdcClient wrong = new PdcClient(settings(bad))) {
            // A URL nobody has read yet, so no cached answer (errata 1) can hide the 401.
            PdcAuthException e = catchThrowableOfType(PdcAuthException.class,
                    () -> wrong.count("global-components", Map.of("name", name("bad-token"))));
            assertThat(e).isNotNull();
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.getMessage()).doesNotContain(bad).contains("token file");
        }
    }

    @Test
    void theTokenIdentifiesAUser() {
        assertThat(client.currentUser().path("username").asText()).isNotEmpty();
    }

    // --- changesets -------------------------------------------------------------------------------------------------

    @Test
    void theChangeCommentIsRecordedOnTheChangeset() {
        ChangeComment marker = ChangeComment.of("pdc-updater contract test " + RUN + " changeset marker");
        JsonNode created = client.create("global-components", Map.of("name", name("changeset")), marker);
        cleanup.push(() -> client.delete("global-components", created.path("id").asText(), comment("cleanup")));

        List<JsonNode> changesets = client.listAll("changesets", Map.of("comment", RUN + " changeset marker"));

        assertThat(changesets).hasSize(1);
        assertThat(changesets.get(0).path("comment").asText()).isEqualTo(marker.text());
        assertThat(changesets.get(0).path("changes").get(0).path("old_value").asText()).isEqualTo("null");
    }

    private static String randomLetters(int n) {
        Random r = new Random();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
