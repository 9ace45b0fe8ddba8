package org.fedoraproject.pdcupdater.pdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fedoraproject.pdcupdater.pdc.resource.ComponentRelationships.ComponentEnd;
import org.fedoraproject.pdcupdater.pdc.resource.Composes;
import org.fedoraproject.pdcupdater.pdc.resource.Modules;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.pdc.resource.ReleaseComponents;
import org.fedoraproject.pdcupdater.pdc.resource.Rpms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fedoraproject.pdcupdater.pdc.FakePdcServer.json;

/** The typed facades send the bodies and filters the contract asks for. */
class TypedResourcesTest {

    static final ChangeComment COMMENT = ChangeComment.of("typed test");
    static final String EMPTY_PAGE = "{\"count\": 0, \"next\": null, \"previous\": null, \"results\": []}";
    static final ObjectMapper M = new ObjectMapper();

    FakePdcServer server;
    PdcClient client;
    Pdc pdc;

    @BeforeEach
    void start() {
        server = FakePdcServer.start();
        client = new PdcClient(PdcSettings.builder(server.apiRoot()).token("t0k").maxAttempts(2).build(),
                d -> { }, new SplittableRandom(1)::nextLong);
        pdc = new Pdc(client);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    static String onePage(String object) {
        return "{\"count\": 1, \"next\": null, \"previous\": null, \"results\": [" + object + "]}";
    }

    static JsonNode parse(String body) throws Exception {
        return M.readTree(body);
    }

    static String decodedQuery(FakePdcServer.Recorded r) {
        return URLDecoder.decode(r.query(), StandardCharsets.UTF_8);
    }

    @Test
    void releaseComponentEnsureLooksUpInactiveReleasesTooAndSendsTheInputShape() throws Exception {
        server.on("GET", "release-components/", json(200, EMPTY_PAGE));
        server.on("POST", "release-components/", json(201, "{\"id\": 5, \"release\": {\"release_id\": \"fedora-27\", "
                + "\"active\": true}, \"global_component\": \"bash\", \"name\": \"bash\", \"type\": \"rpm\", "
                + "\"dist_git_branch\": \"f27\", \"active\": true, \"bugzilla_component\": null, \"srpm\": null, "
                + "\"dist_git_web_url\": \"https://src.fedoraproject.org/rpms/bash\"}"));

        ReleaseComponents.ReleaseComponent rc = pdc.releaseComponents().ensure(
                ReleaseComponents.NewReleaseComponent.rpm("fedora-27", "bash", "f27"), COMMENT);

        assertThat(rc.release().releaseId()).isEqualTo("fedora-27");
        assertThat(rc.asEnd()).isEqualTo(new ComponentEnd(5, "fedora-27", "bash"));
        assertThat(decodedQuery(server.requests("GET", "release-components/").get(0)))
                .isEqualTo("release=fedora-27&name=bash&type=rpm&include_inactive_release=1&page_size=2");
        assertThat(parse(server.requests("POST", "release-components/").get(0).body())).isEqualTo(parse(
                "{\"release\": \"fedora-27\", \"global_component\": \"bash\", \"name\": \"bash\", \"type\": \"rpm\", "
                        + "\"dist_git_branch\": \"f27\"}"));
    }

    @Test
    void bugzillaComponentCreateIsGetOrCreateAndAccepts200() {
        server.on("POST", "bugzilla-components/", json(200, "{\"id\": 3, \"name\": \"bash\", \"parent_component\": null, "
                + "\"subcomponents\": []}", "pdc-warning", "The bugzilla component already exists"));

        assertThat(pdc.bugzillaComponents().ensure("bash", null, COMMENT).id()).isEqualTo(3);
        assertThat(server.requests().get(0).body()).contains("\"parent_pk\":null");
        assertThatThrownBy(() -> pdc.bugzillaComponents().ensure("a/b", null, COMMENT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rpmRulesAreCheckedBeforeSending() {
        Rpms.Nevra src = new Rpms.Nevra("bash", 0, "4.4", "1.fc27", "src");
        Rpms.Nevra bin = new Rpms.Nevra("bash", 0, "4.4", "1.fc27", "x86_64");

        assertThatThrownBy(() -> Rpms.NewRpm.of(src, "bash", "bash-0:4.4-1.fc27.src")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rpms.NewRpm.of(bin, "bash", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rpms.Nevra("bash", -1, "1", "1", "noarch")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Rpms.NewRpm.of(src, "bash", null).srpmNevra()).isNull();
    }

    @Test
    void rpmLookupAnchorsAndEscapesTheNameRegexAndSendsEpochZero() throws Exception {
        server.on("GET", "rpms/", json(200, EMPTY_PAGE));
        server.on("POST", "rpms/", json(201, "{\"id\": 1, \"name\": \"gtk+\", \"epoch\": 0, \"version\": \"2\", "
                + "\"release\": \"1\", \"arch\": \"x86_64\", \"srpm_name\": \"gtk+\", \"srpm_nevra\": \"gtk+-0:2-1.src\"}"));
        Rpms.NewRpm gtk = Rpms.NewRpm.of(new Rpms.Nevra("gtk+", 0, "2", "1", "x86_64"), "gtk+", "gtk+-0:2-1.src");

        Rpms.Rpm created = pdc.rpms().ensure(gtk, COMMENT);

        assertThat(created.nevra()).isEqualTo(gtk.nevra());
        assertThat(decodedQuery(server.requests("GET", "rpms/").get(0)))
                .startsWith("name=^gtk\\+$&epoch=0&version=2&release=1&arch=x86_64");
        assertThat(parse(server.requests("POST", "rpms/").get(0).body())).isEqualTo(parse(
                "{\"name\": \"gtk+\", \"epoch\": 0, \"version\": \"2\", \"release\": \"1\", \"arch\": \"x86_64\", "
                        + "\"srpm_name\": \"gtk+\", \"srpm_nevra\": \"gtk+-0:2-1.src\"}"));
    }

    @Test
    void linkingAReleaseReadsFreshAndPatchesTheWholeListOnlyWhenNeeded() {
        String rpm = "{\"id\": 4, \"name\": \"bash\", \"epoch\": 0, \"version\": \"4.4\", \"release\": \"1\", "
                + "\"arch\": \"x86_64\", \"linked_releases\": [\"fedora-26\"]}";
        server.on("GET", "rpms/", json(200, onePage(rpm)));
        server.on("PATCH", "rpms/4/", json(200, rpm.replace("[\"fedora-26\"]", "[\"fedora-26\", \"fedora-27\"]")));
        Rpms.Nevra nevra = new Rpms.Nevra("bash", 0, "4.4", "1", "x86_64");

        assertThat(pdc.rpms().linkRelease(nevra, "fedora-27", COMMENT).linkedReleases())
                .containsExactly("fedora-26", "fedora-27");
        pdc.rpms().linkRelease(nevra, "fedora-26", COMMENT);

        assertThat(server.requests("PATCH", "rpms/4/")).hasSize(1)
                .first().extracting(FakePdcServer.Recorded::body)
                .isEqualTo("{\"linked_releases\":[\"fedora-26\",\"fedora-27\"]}");
        String pageSize = decodedQuery(server.requests("GET", "rpms/").get(0)).replaceAll(".*page_size=", "");
        assertThat(Long.parseLong(pageSize)).isGreaterThan(100);
    }

    @Test
    void composePatchAcceptsOnlyTheUpdatableKeysAndImportsParseTheirOddAnswer() throws Exception {
        assertThatThrownBy(() -> pdc.composes().patch("c1", Map.of("compose_label", "x"), COMMENT))
                .isInstanceOf(IllegalArgumentException.class);
        server.on("POST", "compose-rpms/", json(201, "{\"compose\": \"Fedora-27-20171110.n.1\", \"imported rpms\": 42}"));

        Composes.ImportResult result = pdc.composes().importRpms("fedora-27", parse("{\"payload\": {}}"),
                parse("{\"payload\": {\"rpms\": {}}}"), COMMENT);

        assertThat(result).isEqualTo(new Composes.ImportResult("Fedora-27-20171110.n.1", 42));
        assertThat(parse(server.requests().get(0).body()).fieldNames()).toIterable()
                .containsExactlyInAnyOrder("release_id", "composeinfo", "rpm_manifest");
    }

    @Test
    void streamedImportBodyIsSentAndCanBeResentOnRetry() {
        server.on("POST", "compose-images/", json(503, "{\"detail\": \"busy\"}"),
                json(201, "{\"compose\": \"c\", \"imported images\": 2}"));
        byte[] body = "{\"release_id\": \"fedora-27\", \"composeinfo\": {}, \"image_manifest\": {}}"
                .getBytes(StandardCharsets.UTF_8);

        Composes.ImportResult result = pdc.composes().importImages(
                () -> java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)),
                null, COMMENT);

        assertThat(result.imported()).isEqualTo(2);
        assertThat(server.requests()).hasSize(2)
                .allSatisfy(r -> assertThat(r.body()).isEqualTo(new String(body, StandardCharsets.UTF_8)));
    }

    @Test
    void componentGroupEnsureNarrowsByDescription() {
        server.on("GET", "component-groups/", json(200, "{\"count\": 2, \"next\": null, \"previous\": null, \"results\": ["
                + "{\"id\": 1, \"group_type\": \"deps\", \"release\": \"fedora-27\", \"description\": \"other\", \"components\": []},"
                + "{\"id\": 2, \"group_type\": \"deps\", \"release\": \"fedora-27\", \"description\": \"mine\", \"components\": []}]}"));

        assertThat(pdc.componentGroups().ensure("deps", "fedora-27", "mine", COMMENT).id()).isEqualTo(2);
        assertThat(server.requests("POST", "component-groups/")).isEmpty();
    }

    @Test
    void relationshipEnsureWritesIdsAndMatchesOnThem() throws Exception {
        server.on("GET", "release-component-relationships/", json(200, "{\"count\": 1, \"next\": null, "
                + "\"previous\": null, \"results\": [{\"id\": 7, \"type\": \"executes\", "
                + "\"from_component\": {\"id\": 1, \"name\": \"a\", \"release\": \"r\"}, "
                + "\"to_component\": {\"id\": 99, \"name\": \"b\", \"release\": \"r\"}}]}"));
        server.on("POST", "release-component-relationships/", json(201, "{\"id\": 8, \"type\": \"executes\", "
                + "\"from_component\": {\"id\": 1, \"name\": \"a\", \"release\": \"r\"}, "
                + "\"to_component\": {\"id\": 2, \"name\": \"b\", \"release\": \"r\"}}"));

        var rel = pdc.componentRelationships().ensure("executes", new ComponentEnd(1, "r", "a"),
                new ComponentEnd(2, "r", "b"), COMMENT);

        assertThat(rel.id()).isEqualTo(8);
        assertThat(parse(server.requests("POST", "release-component-relationships/").get(0).body())).isEqualTo(parse(
                "{\"type\": \"executes\", \"from_component\": {\"id\": 1}, \"to_component\": {\"id\": 2}}"));
    }

    @Test
    void branchSlaEnsureAndRetirement() throws Exception {
        server.on("GET", "component-branch-slas/", json(200, EMPTY_PAGE));
        server.on("POST", "component-branch-slas/", json(201, "{\"id\": 3, \"sla\": \"security_fixes\", "
                + "\"branch\": {\"id\": 1, \"name\": \"f27\", \"global_component\": \"bash\", \"type\": \"rpm\", "
                + "\"active\": true, \"critical_path\": false}, \"eol\": \"2018-12-01\"}"));
        server.on("PATCH", "component-branch-slas/3/", json(200, "{\"id\": 3, \"sla\": \"security_fixes\", "
                + "\"branch\": {\"id\": 1}, \"eol\": \"2018-06-01\"}"));

        var sla = pdc.componentBranches().ensureSla("security_fixes", LocalDate.of(2018, 12, 1), "bash", "f27",
                "rpm", null, COMMENT);
        var retired = pdc.componentBranches().setEol(sla.id(), LocalDate.of(2018, 6, 1), COMMENT);

        assertThat(retired.eolDate()).isEqualTo(LocalDate.of(2018, 6, 1));
        assertThat(parse(server.requests("POST", "component-branch-slas/").get(0).body())).isEqualTo(parse(
                "{\"sla\": \"security_fixes\", \"eol\": \"2018-12-01\", \"branch\": {\"name\": \"f27\", "
                        + "\"global_component\": \"bash\", \"type\": \"rpm\"}}"));
        assertThat(server.requests("PATCH", "component-branch-slas/3/").get(0).body()).isEqualTo("{\"eol\":\"2018-06-01\"}");
    }

    @Test
    void moduleEnsureSendsNoUidAndRequiresAContext() throws Exception {
        assertThatThrownBy(() -> new Modules.NewModule("m", "s", "1", null, "t", "y", null, null, null, null))
                .isInstanceOf(NullPointerException.class);
        server.on("GET", "modules/", json(200, EMPTY_PAGE));
        server.on("POST", "modules/", json(201, "{\"uid\": \"m:s:1:c\", \"name\": \"m\", \"stream\": \"s\", "
                + "\"version\": \"1\", \"context\": \"c\", \"rpms\": []}"));

        var module = pdc.modules().ensure(new Modules.NewModule("m", "s", "1", "c", "module-m", "---", false,
                List.of(new Modules.Dependency("platform", "f27")), null, null), COMMENT);

        assertThat(module.uid()).isEqualTo("m:s:1:c");
        assertThat(parse(server.requests("POST", "modules/").get(0).body())).isEqualTo(parse(
                "{\"name\": \"m\", \"stream\": \"s\", \"version\": \"1\", \"context\": \"c\", \"koji_tag\": \"module-m\", "
                        + "\"modulemd\": \"---\", \"active\": false, "
                        + "\"runtime_deps\": [{\"dependency\": \"platform\", \"stream\": \"f27\"}]}"));
    }

    @Test
    void personUpsertPatchesOnlyTheEmail() {
        server.on("GET", "contacts/people/", json(200, onePage("{\"id\": 2, \"username\": \"ralph\", \"email\": \"old@x\"}")));
        server.on("PATCH", "contacts/people/2/", json(200, "{\"id\": 2, \"username\": \"ralph\", \"email\": \"new@x\"}"));

        assertThat(pdc.people().upsert("ralph", "new@x", COMMENT).kind()).isEqualTo(PdcOutcome.Kind.UPDATED);
        assertThat(server.requests("PATCH", "contacts/people/2/").get(0).body()).isEqualTo("{\"email\":\"new@x\"}");
    }
}
