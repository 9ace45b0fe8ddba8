package org.fedoraproject.pdcupdater.sandbox.standin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Speaks FAS2's JSON API (mounted where {@code https://admin.fedoraproject.org/accounts/} would be):
 * <ul>
 *   <li>{@code user/list} ({@code search}, default {@code a*} like FAS; repeated {@code fields}):
 *       {@code {"people": [...], "unapproved_people": [...], "search": ...}}; accounts that signed
 *       the CLA are in {@code people}, the others in {@code unapproved_people}; unknown fields give
 *       {@code {"exc": "Invalid", "tg_flash": ...}}.</li>
 *   <li>{@code json/person_by_username} ({@code username}): {@code {"success": true, "person": {...}}}
 *       with {@code approved_memberships}, or {@code {"success": false}}.</li>
 * </ul>
 * GET and form POST both work, as in TurboGears. When a login is set with {@link #requireLogin},
 * requests without those {@code user_name}/{@code password} form fields get 403, as old FAS did.
 *
 * <p>Data: {@code fas.json}, {@code {"people": [{"id", "username", "human_name", "email", "status",
 * "cla_done": true}, ...]}}. {@code cla_done} is the stand-in's own flag and is not served.
 */
public final class FasStandin extends JsonStandin {

    public static final String DATA_FILE = "fas.json";

    /** What FAS's User.list(fields=...) accepts; a subset of People.allow_fields['complete']. */
    private static final Set<String> KNOWN_FIELDS = Set.of("id", "username", "human_name", "email", "status",
            "ircnick", "creation", "locale", "timezone", "country_code", "affiliation", "comments",
            "gpg_keyid", "ssh_key", "last_seen", "privacy", "status_change", "certificate_serial",
            "group_roles", "memberships", "roles");

    private static final String CLA = "cla_done";

    private final NavigableMap<String, ObjectNode> people = new ConcurrentSkipListMap<>();
    private final AtomicLong nextId = new AtomicLong(200000);
    private volatile String loginUser;
    private volatile String loginPassword;

    public static FasStandin empty() {
        return new FasStandin();
    }

    /** Loads {@code fas.json} from {@code directory}, or the bundled data when null or absent there. */
    public static FasStandin load(Path directory) {
        FasStandin standin = new FasStandin();
        StandinData.load(DATA_FILE, directory).path("people").forEach(p -> standin.putPerson((ObjectNode) p.deepCopy()));
        return standin;
    }

    /** Requests must carry this login from now on. */
    public FasStandin requireLogin(String user, String password) {
        this.loginUser = Objects.requireNonNull(user);
        this.loginPassword = Objects.requireNonNull(password);
        return this;
    }

    /** Adds or replaces an account that has signed the CLA. */
    public FasStandin putPerson(String username, String humanName, String email) {
        ObjectNode p = JSON.createObjectNode();
        p.put("id", nextId.incrementAndGet()).put("username", username).put("human_name", humanName)
                .put("email", email).put("status", "active").put(CLA, true);
        return putPerson(p);
    }

    /** Adds or replaces an account given as FAS JSON (plus the stand-in's {@code cla_done} flag). */
    public FasStandin putPerson(ObjectNode given) {
        // Stored nodes are never changed in place: a request may be serializing one right now.
        ObjectNode person = given.deepCopy();
        String username = person.path("username").asText(null);
        if (username == null || username.isEmpty()) {
            throw new IllegalArgumentException("a FAS person needs a username: " + person);
        }
        if (!person.hasNonNull("id")) {
            person.put("id", nextId.incrementAndGet());
        } else {
            nextId.accumulateAndGet(person.path("id").asLong(), Math::max);
        }
        if (!person.has(CLA)) {
            person.put(CLA, true);
        }
        people.put(username, person);
        return this;
    }

    public boolean removePerson(String username) {
        return people.remove(username) != null;
    }

    public FasStandin setClaDone(String username, boolean done) {
        ObjectNode p = people.get(username);
        if (p == null) {
            throw new IllegalArgumentException("no FAS person " + username);
        }
        ObjectNode changed = p.deepCopy();
        changed.put(CLA, done);
        people.put(username, changed);
        return this;
    }

    public List<String> usernames() {
        return List.copyOf(people.keySet());
    }

    @Override
    protected void serve(StandinExchange ex) throws IOException {
        String path = String.join("/", ex.segments());
        if (!path.equals("user/list") && !path.equals("json/person_by_username")) {
            ex.sendText(404, "Not Found");
            return;
        }
        if (loginUser != null && !(loginUser.equals(ex.param("user_name")) && loginPassword.equals(ex.param("password")))) {
            ex.sendText(403, "Forbidden");
            return;
        }
        if (path.equals("user/list")) {
            userList(ex);
        } else {
            personByUsername(ex);
        }
    }

    private void userList(StandinExchange ex) throws IOException {
        String search = ex.param("search", "");
        if (search.isEmpty()) {
            search = "*";
        }
        List<String> fields = ex.params("fields");
        for (String field : fields) {
            if (!KNOWN_FIELDS.contains(field)) {
                ObjectNode error = JSON.createObjectNode().put("exc", "Invalid")
                        .put("tg_flash", "Invalid field specified: " + field).put("tg_template", "json");
                ex.sendJson(200, error);
                return;
            }
        }
        // FAS lower-cases the search and matches with ILIKE: whole-name, case-insensitive.
        Pattern match = glob(search.toLowerCase(java.util.Locale.ROOT), false);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode approved = body.putArray("people");
        ArrayNode unapproved = body.putArray("unapproved_people");
        for (ObjectNode p : people.values()) {
            if (match.matcher(p.path("username").asText()).matches()) {
                ObjectNode shown = fields.isEmpty() ? full(p) : selected(p, fields);
                (p.path(CLA).asBoolean() ? approved : unapproved).add(shown);
            }
        }
        body.put("search", search);
        body.putNull("tg_flash");
        ex.sendJson(200, body);
    }

    private void personByUsername(StandinExchange ex) throws IOException {
        ObjectNode p = people.get(ex.param("username", ""));
        ObjectNode body = JSON.createObjectNode();
        if (p == null) {
            body.put("success", false);
        } else {
            ObjectNode person = full(p);
            ArrayNode memberships = person.putArray("approved_memberships");
            if (p.path(CLA).asBoolean()) {
                memberships.addObject().put("name", CLA).put("display_name", "CLA Done").put("group_type", "cla");
            }
            person.putArray("unapproved_memberships");
            body.put("success", true).set("person", person);
        }
        body.putNull("tg_flash");
        ex.sendJson(200, body);
    }

    private static ObjectNode full(ObjectNode p) {
        ObjectNode out = p.deepCopy();
        out.remove(CLA);
        // Like FAS: the password is never served, group data is always present.
        out.put("password", "*");
        if (!out.has("group_roles")) {
            out.putObject("group_roles");
        }
        if (!out.has("memberships")) {
            out.putArray("memberships");
        }
        if (!out.has("roles")) {
            out.putArray("roles");
        }
        return out;
    }

    private static ObjectNode selected(ObjectNode p, List<String> fields) {
        ObjectNode full = full(p);
        ObjectNode out = JSON.createObjectNode();
        for (String field : fields) {
            JsonNode value = full.get(field);
            out.set(field, value == null ? JSON.nullNode() : value);
        }
        return out;
    }

    /** The people in stand-in form, for tests that compare. */
    public List<ObjectNode> people() {
        List<ObjectNode> out = new ArrayList<>();
        people.values().forEach(p -> out.add(p.deepCopy()));
        return out;
    }
}
