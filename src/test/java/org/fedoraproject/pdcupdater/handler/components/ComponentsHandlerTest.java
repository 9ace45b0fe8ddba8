package org.fedoraproject.pdcupdater.handler.components;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.audit.AuditReport;
import org.fedoraproject.pdcupdater.audit.Difference;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.handler.InitializeResult;
import org.fedoraproject.pdcupdater.handler.InvalidMessageException;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.handler.UnknownReleaseException;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.sandbox.standin.PkgdbStandin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The components handler against the real sandbox and the pkgdb stand-in, over HTTP. */
class ComponentsHandlerTest {

    static final String PACKAGE_NEW = "pkgdb.package.new--TestPkgdbPackageNew.json";
    static final String BRANCH_NEW = "pkgdb.package.branch.new--2014-645038a7-TestPkgdbPackageBranchNew.json";
    static final List<String> FIXTURES = List.of(PACKAGE_NEW, BRANCH_NEW);
    private static final List<ComponentType> ALL = List.of(ComponentType.values());

    private HandlerTestSystems systems;
    private ComponentsHandler handler;

    @BeforeEach
    void start() {
        systems = HandlerTestSystems.start();
        handler = handlerOn(systems);
    }

    @AfterEach
    void stop() {
        systems.close();
    }

    static ComponentsHandler handlerOn(HandlerTestSystems s) {
        return new ComponentsHandler(s.pdc(), s.pkgdbClient(), s.releaseMapping(), ALL);
    }

    /** Everything the handler owns in PDC, one line per row, read over HTTP. */
    static TreeSet<String> state(HandlerTestSystems s) {
        TreeSet<String> rows = new TreeSet<>();
        s.rows("global-components", Map.of()).forEach(g -> rows.add("global " + g.path("name").asText()));
        s.rows("bugzilla-components", Map.of()).forEach(b -> rows.add("bugzilla " + b.path("name").asText()
                + " parent=" + b.path("parent_component").asText("-")));
        s.rows("release-components", Map.of("include_inactive_release", "1")).forEach(r -> rows.add(describe(r)));
        return rows;
    }

    static String describe(JsonNode r) {
        return "release-component " + r.path("release").path("release_id").asText() + "/" + r.path("type").asText()
                + "/" + r.path("name").asText()
                + " global=" + r.path("global_component").asText()
                + " branch=" + r.path("dist_git_branch").asText()
                + " brew=" + r.path("brew_package").asText("-")
                + " srpm=" + r.path("srpm").path("name").asText("-")
                + " bugzilla=" + r.path("bugzilla_component").path("name").asText("-")
                + " active=" + r.path("active").asBoolean();
    }

    @Test
    void pkgdb1PackageNewCreatesTheRawhideComponentsAndASecondHandlingChangesNothing() {
        FedmsgEnvelope message = HandlerTestSystems.fixture(PACKAGE_NEW);
        handler.handle(message);

        // pkgdb1's "devel" is rawhide, whose dist-git branch has always been master.
        assertThat(state(systems)).containsExactly(
                "bugzilla php-zmq parent=-",
                "global php-zmq",
                "release-component fedora-rawhide/rpm/php-zmq global=php-zmq branch=master brew=php-zmq "
                        + "srpm=php-zmq bugzilla=php-zmq active=true");
        int changesets = systems.changesets();

        handler.handle(message);
        assertThat(systems.changesets()).isEqualTo(changesets);
        assertThat(state(systems)).hasSize(3);
    }

    @Test
    void pkgdb2BranchNewCreatesTheEpelComponentsAndASecondHandlingChangesNothing() {
        FedmsgEnvelope message = HandlerTestSystems.fixture(BRANCH_NEW);
        handler.handle(message);

        assertThat(state(systems)).containsExactly(
                "bugzilla R-BSgenome parent=-",
                "global R-BSgenome",
                "release-component epel-7/rpm/R-BSgenome global=R-BSgenome branch=epel7 brew=R-BSgenome "
                        + "srpm=R-BSgenome bugzilla=R-BSgenome active=true");
        assertThat(systems.pdc().changesets().withComment(message.msgId())).isNotEmpty();
        int changesets = systems.changesets();

        handler.handle(message);
        handler.handle(HandlerTestSystems.fixture(BRANCH_NEW));
        assertThat(systems.changesets()).isEqualTo(changesets);
        assertThat(state(systems)).hasSize(3);
    }

    @Test
    void aComponentChangedByHandIsPatchedBackInOnlyTheFieldsThatDiffer() {
        handler.handle(HandlerTestSystems.fixture(BRANCH_NEW));
        JsonNode row = systems.rows("release-components", Map.of("name", "R-BSgenome")).get(0);
        systems.client().patch("release-components", row.path("id").asInt(), Map.of("brew_package", "wrong"),
                ChangeComment.of("test: by hand"));
        int changesets = systems.changesets();

        FedmsgEnvelope again = HandlerTestSystems.fixture(BRANCH_NEW);
        handler.handle(again);
        assertThat(systems.changesets()).isEqualTo(changesets + 1);
        var changes = systems.pdc().changesets().withComment(again.msgId()).get(0).changes();
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.resource()).isEqualTo("releasecomponent");
            assertThat(c.oldValue()).contains("wrong");
            assertThat(c.newValue()).contains("R-BSgenome");
        });
        assertThat(systems.rows("release-components", Map.of("name", "R-BSgenome")).get(0).path("brew_package")
                .asText()).isEqualTo("R-BSgenome");
    }

    @Test
    void namespacesPickTheComponentTypeAndModulesAndContainersHaveNoSrpm() {
        handler.handle(HandlerTestSystems.message("org.fedoraproject.prod.pkgdb.package.new",
                pkgdb2PackageNew("testmodule", "modules", "master")));
        handler.handle(HandlerTestSystems.message("org.fedoraproject.prod.pkgdb.package.branch.new",
                pkgdb2PackageNew("cockpit", "docker", "f27")));
        handler.handle(HandlerTestSystems.message("org.fedoraproject.prod.pkgdb.package.new",
                pkgdb2PackageNew("guake", "rpms", "f26")));

        assertThat(state(systems)).contains(
                "release-component fedora-rawhide/module/testmodule global=testmodule branch=master brew=testmodule "
                        + "srpm=- bugzilla=testmodule active=true",
                "release-component fedora-27/container/cockpit global=cockpit branch=f27 brew=cockpit "
                        + "srpm=- bugzilla=cockpit active=true",
                "release-component fedora-26/rpm/guake global=guake branch=f26 brew=guake "
                        + "srpm=guake bugzilla=guake active=true");
    }

    @Test
    void aReleaseWithoutBugzillaProductGetsNoBugzillaComponent() {
        JsonNode rawhide = systems.client().get("releases", "fedora-rawhide");
        assertThat(rawhide.path("bugzilla").path("product").asText()).isEqualTo("Fedora");
        systems.client().patch("releases", "fedora-rawhide", Map.of("bugzilla", Map.of()).isEmpty() ? null
                : nullBugzilla(), ChangeComment.of("test: no bugzilla"));
        handler.handle(HandlerTestSystems.fixture(PACKAGE_NEW));
        assertThat(state(systems)).containsExactly("global php-zmq",
                "release-component fedora-rawhide/rpm/php-zmq global=php-zmq branch=master brew=php-zmq "
                        + "srpm=php-zmq bugzilla=- active=true");
    }

    @Test
    void messagesOfAnUnknownOrInactiveReleaseAreUnknownReleaseAndWriteNothing() {
        // f10 maps to fedora-10, which PDC does not have; releases are never created by the handler.
        assertThatThrownBy(() -> handler.handle(HandlerTestSystems.message("org.fedoraproject.prod.pkgdb.package.new",
                pkgdb2PackageNew("netbeans-platform8", "rpms", "f10"))))
                .isInstanceOf(UnknownReleaseException.class)
                .hasMessageContaining("unknown release fedora-10")
                .satisfies(e -> assertThat(((UnknownReleaseException) e).release()).isEqualTo("fedora-10"));
        assertThatThrownBy(() -> handler.handle(HandlerTestSystems.message("org.fedoraproject.prod.pkgdb.package.new",
                pkgdb2PackageNew("foo", "rpms", "olpc3"))))
                .isInstanceOf(UnknownReleaseException.class).hasMessageContaining("not in the release mapping");
        systems.client().patch("releases", "epel-7", Map.of("active", false), ChangeComment.of("test: EOL"));
        int changesets = systems.changesets();
        assertThatThrownBy(() -> handler.handle(HandlerTestSystems.fixture(BRANCH_NEW)))
                .isInstanceOf(UnknownReleaseException.class).hasMessageContaining("inactive");
        assertThat(systems.changesets()).isEqualTo(changesets);
        assertThat(state(systems)).isEmpty();
    }

    @Test
    void unusableMessagesAreRejectedWithTheirReason() {
        String topic = "org.fedoraproject.prod.pkgdb.package.new";
        ObjectNode noName = pkgdb2PackageNew("x", "rpms", "f27");
        noName.remove("package_name");
        ((ObjectNode) noName.path("package_listing").path("package")).remove("name");
        ObjectNode twoNames = pkgdb2PackageNew("x", "rpms", "f27").put("package_name", "y");
        ObjectNode noBranch = pkgdb2PackageNew("x", "rpms", "f27");
        ((ObjectNode) noBranch.path("package_listing")).remove("collection");
        ObjectNode badNamespace = pkgdb2PackageNew("x", "tests", "f27");
        ObjectNode slash = pkgdb2PackageNew("a/b", "rpms", "f27");

        assertThatThrownBy(() -> handler.handle(HandlerTestSystems.message(topic, noName)))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("no package name");
        assertThatThrownBy(() -> handler.handle(HandlerTestSystems.message(topic, twoNames)))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("different packages");
        assertThatThrownBy(() -> handler.handle(HandlerTestSystems.message(topic, noBranch)))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("no branch");
        assertThatThrownBy(() -> handler.handle(HandlerTestSystems.message(topic, badNamespace)))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("namespace 'tests'");
        assertThatThrownBy(() -> handler.handle(HandlerTestSystems.message(topic, slash)))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("not a package name");
        assertThat(systems.changesets()).isZero();
    }

    @Test
    void initializeOnAnEmptySandboxGivesTheStateHandlingAllMessagesGives() {
        FIXTURES.forEach(f -> handler.handle(HandlerTestSystems.fixture(f)));
        TreeSet<String> handled = state(systems);

        try (HandlerTestSystems fresh = HandlerTestSystems.start()) {
            // A pkgdb that holds exactly what the two messages announced: php-zmq on devel, R-BSgenome on epel7.
            PkgdbStandin pkgdb = fresh.standins().pkgdb();
            pkgdb.packageNames("rpms").stream().filter(n -> !n.equals("php-zmq") && !n.equals("R-BSgenome"))
                    .forEach(n -> pkgdb.removePackage("rpms", n));
            pkgdb.packageNames("modules").forEach(n -> pkgdb.removePackage("modules", n));
            pkgdb.removeListing("rpms", "php-zmq", "EL-6");
            pkgdb.removeListing("rpms", "R-BSgenome", "master");

            InitializeResult result = handlerOn(fresh).initialize(Progress.SILENT);
            assertThat(state(fresh)).isEqualTo(handled);
            assertThat(result.examined()).isEqualTo(2);
        }
    }

    @Test
    void initializeFromTheWholePkgdbIsCleanForTheAuditAndASecondRunWritesNothing() {
        InitializeResult first = handler.initialize(Progress.SILENT);
        assertThat(first.written()).isPositive();
        TreeSet<String> state = state(systems);
        assertThat(state).contains(
                "release-component fedora-rawhide/module/testmodule global=testmodule branch=master "
                        + "brew=testmodule srpm=- bugzilla=testmodule active=true",
                // retired in pkgdb: the component exists, inactive
                "release-component fedora-rawhide/rpm/libvmime07 global=libvmime07 branch=master "
                        + "brew=libvmime07 srpm=libvmime07 bugzilla=libvmime07 active=false",
                "release-component fedora-27/rpm/valgrind global=valgrind branch=f27 brew=valgrind "
                        + "srpm=valgrind bugzilla=valgrind active=true",
                "release-component fedora-26/rpm/obexftp global=obexftp branch=f26 brew=obexftp srpm=obexftp "
                        + "bugzilla=obexftp active=false");
        // netbeans-platform8's f10-f12 and python-sh's EL-6 map to releases PDC lacks: no components there.
        assertThat(state).noneMatch(r -> r.startsWith("release-component fedora-1")
                || r.startsWith("release-component epel-6"));
        assertThat(state).contains("global python-sh");

        int changesets = systems.changesets();
        assertThat(handler.initialize(Progress.SILENT).written()).isZero();
        assertThat(systems.changesets()).isEqualTo(changesets);

        AuditReport audit = handler.audit(AuditRequest.reportOnly());
        assertThat(audit.firstDifferences()).isEmpty();
        assertThat(audit.compared()).isPositive();
    }

    @Test
    void auditFindsWhatPdcLacksWhatPkgdbLacksAndWhatDiffersAndRepairFixesAllButDeletion() {
        handler.initialize(Progress.SILENT);
        ChangeComment byHand = ChangeComment.of("test: changed by hand");
        JsonNode epel = systems.rows("release-components", Map.of("name", "R-BSgenome", "release", "epel-7")).get(0);
        systems.client().delete("release-components", epel.path("id").asInt(), byHand);
        JsonNode ed = systems.rows("release-components", Map.of("name", "ed", "release", "fedora-26")).get(0);
        systems.client().patch("release-components", ed.path("id").asInt(), Map.of("dist_git_branch", "f99"), byHand);
        systems.client().create("global-components", Map.of("name", "made-by-hand"), byHand);
        systems.client().create("release-components", Map.of("release", "fedora-27", "global_component",
                "made-by-hand", "name", "made-by-hand", "type", "rpm"), byHand);
        systems.standins().pkgdb().putPackage("rpms", "newpkg", "A new package");
        systems.standins().pkgdb().putListing("rpms", "newpkg", "f27", "Approved");

        AuditReport report = handler.audit(AuditRequest.reportOnly());
        assertThat(report.firstDifferences()).containsExactlyInAnyOrder(
                Difference.absentFromPdc("release-components/epel-7/rpm/R-BSgenome", "dist_git_branch=epel7"),
                Difference.different("release-components/fedora-26/rpm/ed", "dist_git_branch=f26",
                        "dist_git_branch=f99"),
                Difference.absentFromSource("global-components/made-by-hand", "made-by-hand"),
                Difference.absentFromSource("release-components/fedora-27/rpm/made-by-hand", "dist_git_branch=f27"),
                Difference.absentFromPdc("global-components/newpkg", "newpkg"),
                Difference.absentFromPdc("release-components/fedora-27/rpm/newpkg", "dist_git_branch=f27"));

        AuditReport repair = handler.audit(new AuditRequest(true, 100, Progress.SILENT));
        assertThat(repair.total()).isEqualTo(6);
        assertThat(state(systems)).contains(
                "release-component epel-7/rpm/R-BSgenome global=R-BSgenome branch=epel7 brew=R-BSgenome "
                        + "srpm=R-BSgenome bugzilla=R-BSgenome active=true",
                "release-component fedora-27/rpm/newpkg global=newpkg branch=f27 brew=newpkg srpm=newpkg "
                        + "bugzilla=newpkg active=true",
                "global made-by-hand");
        assertThat(systems.rows("release-components", Map.of("name", "ed", "release", "fedora-26")).get(0)
                .path("dist_git_branch").asText()).isEqualTo("f26");

        AuditReport after = handler.audit(AuditRequest.reportOnly());
        assertThat(after.firstDifferences()).containsExactlyInAnyOrder(
                Difference.absentFromSource("global-components/made-by-hand", "made-by-hand"),
                Difference.absentFromSource("release-components/fedora-27/rpm/made-by-hand", "dist_git_branch=f27"));
    }

    /** A pkgdb2 (2016+) package.new / branch.new body with a namespace. */
    static ObjectNode pkgdb2PackageNew(String name, String namespace, String branch) {
        ObjectNode msg = org.fedoraproject.pdcupdater.fedmsg.EnvelopeParser.mapper().createObjectNode();
        msg.put("package_name", name).put("agent", "pingou");
        ObjectNode listing = msg.putObject("package_listing");
        listing.put("status", "Approved").put("point_of_contact", "pingou");
        listing.putObject("package").put("name", name).put("namespace", namespace).put("status", "Approved");
        listing.putObject("collection").put("branchname", branch).put("name", "Fedora").put("status", "Active");
        return msg;
    }

    private static Map<String, Object> nullBugzilla() {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("bugzilla", null);
        return body;
    }
}
