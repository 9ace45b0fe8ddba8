package org.fedoraproject.pdcupdater.handler.people;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.audit.AuditReport;
import org.fedoraproject.pdcupdater.audit.Difference;
import org.fedoraproject.pdcupdater.fedmsg.EnvelopeParser;
import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.handler.InitializeResult;
import org.fedoraproject.pdcupdater.handler.InvalidMessageException;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.handler.components.HandlerTestSystems;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.sandbox.standin.FasStandin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The people handler against the real sandbox and the FAS stand-in, over HTTP. */
class PeopleHandlerTest {

    private static final String FIXTURE = "fas.user.create--TestFASUserCreate.json";
    private static final String TOPIC = "org.fedoraproject.prod.fas.user.create";

    private HandlerTestSystems systems;
    private PeopleHandler handler;

    @BeforeEach
    void start() {
        systems = HandlerTestSystems.start();
        handler = new PeopleHandler(systems.pdc(), systems.fasClient());
    }

    @AfterEach
    void stop() {
        systems.close();
    }

    private Map<String, String> peopleInPdc() {
        Map<String, String> people = new TreeMap<>();
        systems.rows("contacts/people", Map.of()).forEach(p -> people.put(p.path("username").asText(),
                p.path("email").asText()));
        return people;
    }

    @Test
    void theFixtureMessageCreatesThePersonWithTheEmailFromFasAndASecondHandlingChangesNothing() {
        handler.handle(HandlerTestSystems.fixture(FIXTURE));

        assertThat(peopleInPdc()).containsExactly(Map.entry("ralph", "ralph@fedoraproject.org"));
        int changesets = systems.changesets();
        assertThat(changesets).isEqualTo(1);

        handler.handle(HandlerTestSystems.fixture(FIXTURE));
        assertThat(peopleInPdc()).containsExactly(Map.entry("ralph", "ralph@fedoraproject.org"));
        assertThat(systems.changesets()).isEqualTo(changesets);
    }

    @Test
    void theChangeCommentNamesTheMessage() {
        handler.handle(HandlerTestSystems.fixture(FIXTURE));
        assertThat(systems.pdc().changesets().withComment("fixture-" + FIXTURE)).hasSize(1);
    }

    @Test
    void fasDecidesTheEmailWhenItHasOneOfItsOwn() {
        systems.standins().fas().putPerson("newbie", null, "newbie@example.org");
        handler.handle(HandlerTestSystems.message(TOPIC, msg().put("user", "newbie").put("agent", "newbie")));
        assertThat(peopleInPdc()).containsEntry("newbie", "newbie@example.org");
    }

    @Test
    void aHiddenFasEmailBecomesTheFedoraAlias() {
        ObjectNode hidden = msg().put("username", "private1").put("status", "active");
        hidden.putNull("email");
        systems.standins().fas().putPerson(hidden);
        handler.handle(HandlerTestSystems.message(TOPIC, msg().put("user", "private1")));
        assertThat(peopleInPdc()).containsEntry("private1", "private1@fedoraproject.org");
    }

    @Test
    void aMessageWithTheUserAsAnObjectAndAnEmailNeedsNoFas() {
        ObjectNode body = msg();
        body.putObject("user").put("username", "gone").put("email", "gone@example.org");
        handler.handle(HandlerTestSystems.message(TOPIC, body));
        assertThat(peopleInPdc()).containsEntry("gone", "gone@example.org");
    }

    @Test
    void unusableMessagesAreRejectedWithTheReasonAndWriteNothing() {
        assertThatThrownBy(() -> handler.handle(HandlerTestSystems.message(TOPIC, msg().put("agent", "ralph"))))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("msg.user is missing");
        assertThatThrownBy(() -> handler.handle(HandlerTestSystems.message(TOPIC, msg().put("user", "no such/user"))))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("not a FAS username");
        assertThatThrownBy(() -> handler.handle(HandlerTestSystems.message(TOPIC, msg().put("user", "nobodyknows"))))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("FAS has no account nobodyknows");
        assertThat(systems.changesets()).isZero();
    }

    @Test
    void initializeOnAnEmptySandboxGivesTheStateHandlingAllMessagesGives() {
        handler.handle(HandlerTestSystems.fixture(FIXTURE));
        Map<String, String> handled = peopleInPdc();

        try (HandlerTestSystems fresh = HandlerTestSystems.start()) {
            // A FAS that holds exactly the accounts the messages announced.
            FasStandin fas = fresh.standins().fas();
            fas.usernames().stream().filter(u -> !handled.containsKey(u)).forEach(fas::removePerson);
            new PeopleHandler(fresh.pdc(), fresh.fasClient()).initialize(Progress.SILENT);
            Map<String, String> initialized = new TreeMap<>();
            fresh.rows("contacts/people", Map.of()).forEach(p -> initialized.put(p.path("username").asText(),
                    p.path("email").asText()));
            assertThat(initialized).isEqualTo(handled);
        }
    }

    @Test
    void initializeLoadsEveryFasAccountInBulkAndASecondRunWritesNothing() {
        List<String> accounts = systems.standins().fas().usernames();
        InitializeResult first = handler.initialize(Progress.SILENT);
        assertThat(first.examined()).isEqualTo(accounts.size());
        assertThat(first.written()).isEqualTo(accounts.size());
        assertThat(peopleInPdc()).containsOnlyKeys(accounts);
        assertThat(peopleInPdc()).containsEntry("mjw", "mjw@fedoraproject.org");
        // Chunks of 3 (see HandlerTestSystems): one changeset per bulk request, not one per person.
        assertThat(systems.changesets()).isEqualTo((accounts.size() + 2) / 3);

        int changesets = systems.changesets();
        InitializeResult second = handler.initialize(Progress.SILENT);
        assertThat(second.written()).isZero();
        assertThat(systems.changesets()).isEqualTo(changesets);
        assertThat(handler.audit(AuditRequest.reportOnly()).clean()).isTrue();
    }

    @Test
    void auditFindsPeopleMissingFromPdcPeopleFasLacksAndDifferentEmailsAndRepairFixesAllButDeletion() {
        handler.initialize(Progress.SILENT);
        JsonNode lmacken = systems.client().findOne("contacts/people", Map.of("username", "lmacken")).orElseThrow();
        JsonNode mjw = systems.client().findOne("contacts/people", Map.of("username", "mjw")).orElseThrow();
        ChangeComment byHand = ChangeComment.of("test: changed by hand");
        systems.client().delete("contacts/people", lmacken.path("id").asInt(), byHand);
        systems.client().create("contacts/people", Map.of("username", "impostor", "email", "i@example.org"), byHand);
        systems.client().patch("contacts/people", mjw.path("id").asInt(), Map.of("email", "old@example.org"), byHand);
        systems.standins().fas().putPerson("brandnew", "Brand New", "brandnew@fedoraproject.org");

        AuditReport report = handler.audit(AuditRequest.reportOnly());
        assertThat(report.firstDifferences()).containsExactlyInAnyOrder(
                Difference.absentFromPdc("lmacken", "lmacken@fedoraproject.org"),
                Difference.absentFromPdc("brandnew", "brandnew@fedoraproject.org"),
                Difference.different("mjw", "mjw@fedoraproject.org", "old@example.org"),
                Difference.absentFromSource("impostor", "i@example.org"));
        assertThat(report.compared()).isEqualTo(systems.standins().fas().usernames().size() + 1);

        AuditReport repair = handler.audit(new AuditRequest(true, 100, Progress.SILENT));
        assertThat(repair.total()).isEqualTo(4);
        assertThat(peopleInPdc()).containsEntry("lmacken", "lmacken@fedoraproject.org")
                .containsEntry("brandnew", "brandnew@fedoraproject.org")
                .containsEntry("mjw", "mjw@fedoraproject.org")
                .containsEntry("impostor", "i@example.org");

        AuditReport after = handler.audit(AuditRequest.reportOnly());
        assertThat(after.firstDifferences()).containsExactly(Difference.absentFromSource("impostor", "i@example.org"));
    }

    private static ObjectNode msg() {
        return EnvelopeParser.mapper().createObjectNode();
    }
}
