package org.fedoraproject.pdcupdater.source.fas;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.source.http.HttpSettings;
import org.fedoraproject.pdcupdater.source.http.JsonFields;
import org.fedoraproject.pdcupdater.source.http.JsonHttp;
import org.fedoraproject.pdcupdater.source.http.Urls;

/**
 * Reads accounts from the Fedora Account System (FAS2, {@code https://admin.fedoraproject.org/accounts/}).
 *
 * <p>Speaks the JSON API the way python-fedora's {@code AccountSystem} did for the Python
 * pdc-updater: every call is a form POST with {@code Accept: application/json}, and the login
 * travels in the form ({@code user_name}, {@code password}, {@code login=Login}, TurboGears style).
 * <ul>
 *   <li>{@code json/person_by_username} ({@code username=}) answers {@code {"success": true, "person": {...}}}
 *       or {@code {"success": false}} for an unknown name.</li>
 *   <li>{@code user/list} ({@code search=a*}, repeated {@code fields=}) answers
 *       {@code {"people": [...], "unapproved_people": [...], "search": "a*"}}. It has no paging:
 *       the Python code fetched {@code search=*} in one go with a 600 s timeout. Here the list is
 *       fetched one initial letter at a time ({@code a*} ... {@code z*}; FAS usernames must match
 *       {@code ^[a-z][a-z0-9]+$}), so each answer stays small and only one is in memory.</li>
 * </ul>
 * FAS answers 401 or 403 to a bad login, and {@code {"exc": ..., "tg_flash": ...}} for an
 * application error; both become a non-transient {@link org.fedoraproject.pdcupdater.source.http.SourceException}
 * whose message never contains the password.
 */
public final class FasClient {

    /** Fields asked of {@code user/list}: enough for PDC, small enough for a quick answer. */
    static final List<String> LIST_FIELDS = List.of("id", "username", "human_name", "email", "status");

    /** One search per possible first letter of a FAS username. */
    public static final List<String> DEFAULT_SLICES = IntStream.rangeClosed('a', 'z')
            .mapToObj(c -> Character.toString((char) c) + "*").toList();

    /** FAS's default name for the contributor agreement group. */
    static final String CLA_GROUP = "cla_done";

    private final JsonHttp http;
    private final FasCredentials credentials;
    private final List<String> slices;

    /**
     * @param settings give it a generous request timeout: a {@code user/list} slice of a busy letter
     *                 takes FAS a while (the Python code allowed 600 s for the whole list at once)
     */
    public FasClient(HttpClient client, HttpSettings settings, FasCredentials credentials) {
        this(client, settings, credentials, DEFAULT_SLICES);
    }

    public FasClient(HttpClient client, HttpSettings settings, FasCredentials credentials, List<String> slices) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.http = new JsonHttp("FAS", client, settings.withSecrets(Set.of(credentials.password())));
        this.slices = List.copyOf(slices);
    }

    /** The account called {@code username}, or empty when FAS has none. */
    public Optional<FasPerson> personByUsername(String username) {
        URI uri = http.uri("json/person_by_username", null);
        JsonNode body = http.postForm(uri, login().add("username", username));
        checkAppError(uri, body);
        if (!body.path("success").asBoolean(false)) {
            return Optional.empty();
        }
        JsonNode person = body.path("person");
        if (!person.isObject()) {
            throw http.malformed(uri, "success without a person");
        }
        return Optional.of(toPerson(person, claFromMemberships(person)));
    }

    /**
     * Every account, approved (CLA signed) and unapproved, one search slice at a time. The stream is
     * lazy: the next slice is fetched when the previous one is consumed.
     */
    public Stream<FasPerson> people() {
        return slices.stream().flatMap(slice -> people(slice).stream());
    }

    /** The accounts whose username matches {@code search} ({@code *} is the wildcard). */
    public List<FasPerson> people(String search) {
        URI uri = http.uri("user/list", null);
        JsonNode body = http.postForm(uri, login().add("search", search).addAll("fields", LIST_FIELDS));
        checkAppError(uri, body);
        if (!body.has("people")) {
            throw http.malformed(uri, "no people list");
        }
        List<FasPerson> out = new ArrayList<>();
        body.path("people").forEach(p -> out.add(toPerson(p, Boolean.TRUE)));
        body.path("unapproved_people").forEach(p -> out.add(toPerson(p, Boolean.FALSE)));
        return out;
    }

    private Urls.Query login() {
        return new Urls.Query()
                .add("user_name", credentials.username())
                .add("password", credentials.password())
                .add("login", "Login");
    }

    private void checkAppError(URI uri, JsonNode body) {
        if (body.has("exc")) {
            throw http.malformed(uri, "application error " + body.path("exc").asText()
                    + (body.hasNonNull("tg_flash") ? " (" + body.path("tg_flash").asText() + ")" : ""));
        }
    }

    private static FasPerson toPerson(JsonNode p, Boolean claApproved) {
        return new FasPerson(JsonFields.longValue(p, "id"), JsonFields.text(p, "username"),
                JsonFields.text(p, "human_name"), JsonFields.text(p, "email"), JsonFields.text(p, "status"),
                claApproved);
    }

    /** person_by_username lists group memberships instead of a CLA flag. */
    private static Boolean claFromMemberships(JsonNode person) {
        JsonNode approved = person.get("approved_memberships");
        if (approved == null || !approved.isArray()) {
            return null;
        }
        for (JsonNode group : approved) {
            if (CLA_GROUP.equals(group.path("name").asText())) {
                return Boolean.TRUE;
            }
        }
        return Boolean.FALSE;
    }
}
