package org.fedoraproject.pdcupdater.source.fas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.fedoraproject.pdcupdater.sandbox.standin.FasStandin;
import org.fedoraproject.pdcupdater.sandbox.standin.FaultInjector;
import org.fedoraproject.pdcupdater.sandbox.standin.StandinServer;
import org.fedoraproject.pdcupdater.source.http.SourceException;
import org.fedoraproject.pdcupdater.source.http.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FasClientTest {

    private static final String PASSWORD = "correct-horse-battery";

    private final FasStandin fas = FasStandin.load(null).requireLogin("pdcupdater", PASSWORD);
    private final FaultInjector faults = new FaultInjector(fas);
    private final StandinServer server = StandinServer.start("127.0.0.1", 0, Map.of("/fas/", faults));
    private final FasClient client = client(PASSWORD);

    @AfterEach
    void stop() {
        server.close();
    }

    private FasClient client(String password) {
        return new FasClient(TestHttp.CLIENT, TestHttp.fast(server.uri("/fas/")),
                new FasCredentials("pdcupdater", password));
    }

    @Test
    void findsAPersonByUsernameWithEmailAndHumanName() {
        assertThat(client.personByUsername("ralph")).hasValueSatisfying(p -> {
            assertThat(p.username()).isEqualTo("ralph");
            assertThat(p.humanName()).isEqualTo("Ralph Bean");
            assertThat(p.email()).isEqualTo("ralph@fedoraproject.org");
            assertThat(p.status()).isEqualTo("active");
            assertThat(p.id()).isEqualTo(100008L);
            assertThat(p.claApproved()).isTrue();
            assertThat(p.fedoraEmail()).isEqualTo("ralph@fedoraproject.org");
        });
        assertThat(faults.requests()).singleElement().asString().startsWith("POST /fas/json/person_by_username");
    }

    @Test
    void anUnknownUsernameIsEmpty() {
        assertThat(client.personByUsername("nobody")).isEmpty();
    }

    @Test
    void listsEveryPersonOneInitialLetterPerRequest() {
        List<String> usernames = client.people().map(FasPerson::username).toList();

        assertThat(usernames).containsExactlyElementsOf(fas.usernames());
        assertThat(faults.requestCount()).isEqualTo(26);
        assertThat(faults.requests()).allMatch(r -> r.equals("POST /fas/user/list"));
    }

    @Test
    void theListIsFetchedLazily() {
        assertThat(client.people().findFirst()).hasValueSatisfying(p -> assertThat(p.username()).isEqualTo("alvicler"));
        assertThat(faults.requestCount()).isEqualTo(1);
    }

    @Test
    void aSliceHoldsApprovedAndUnapprovedPeople() {
        fas.putPerson("mallory", "Mallory Example", "mallory@example.org").setClaDone("mallory", false);

        List<FasPerson> m = client.people("m*");

        assertThat(m).extracting(FasPerson::username).containsExactly("mjw", "moceap", "mprahl", "mallory");
        assertThat(m).filteredOn(p -> !p.claApproved()).extracting(FasPerson::username).containsExactly("mallory");
        assertThat(client.personByUsername("mallory")).hasValueSatisfying(p -> assertThat(p.claApproved()).isFalse());
    }

    @Test
    void programmaticChangesShowInTheNextAnswer() {
        fas.putPerson("zoe", "Zoe Example", "zoe@example.org");
        fas.removePerson("till");

        List<String> usernames = client.people().map(FasPerson::username).toList();

        assertThat(usernames).contains("zoe").doesNotContain("till");
        assertThat(client.personByUsername("till")).isEmpty();
        assertThat(client.personByUsername("zoe")).hasValueSatisfying(p -> assertThat(p.email()).isEqualTo("zoe@example.org"));
    }

    @Test
    void aWrongPasswordFailsOnceAndTheMessageDoesNotShowIt() {
        FasClient wrong = client("not-the-password-42");

        assertThatThrownBy(() -> wrong.personByUsername("ralph"))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("FAS", "/fas/json/person_by_username")
                            .doesNotContain("not-the-password-42");
                });
        assertThat(faults.requestCount()).isEqualTo(1);
    }

    @Test
    void a503IsRetried() {
        faults.failNext(1, 503);

        assertThat(client.personByUsername("pingou")).isPresent();
        assertThat(faults.requestCount()).isEqualTo(2);
    }

    @Test
    void a400IsNotRetried() {
        faults.failNext(1, 400);

        assertThatThrownBy(() -> client.people("r*"))
                .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(faults.requestCount()).isEqualTo(1);
    }
}
