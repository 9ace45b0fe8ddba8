package org.fedoraproject.pdcupdater.sandbox.standin;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.source.http.Urls;

/**
 * Speaks the Module Build Service's read API (mounted where {@code https://mbs.fedoraproject.org/}
 * would be), after MBS's {@code views.py} and {@code ModuleBuild.json/extended_json}:
 * <ul>
 *   <li>{@code module-build-service/<1|2>/module-builds/<id>[?verbose=true]}: verbose answers carry
 *       {@code modulemd}, {@code state_trace}, {@code build_context}, ...; plain answers do not.
 *       Unknown id: 404 {@code {"status": 404, "error": "Not Found", "message": "No such module found."}}.</li>
 *   <li>{@code module-build-service/<1|2>/module-builds/?name=&stream=&version=&context=&state=&owner=&koji_tag=&page=&per_page=}:
 *       {@code {"items": [...], "meta": {"page", "pages", "per_page", "total", "prev", "next", "first", "last"}}},
 *       newest id first. A page or per_page that is not a number is a 400.</li>
 * </ul>
 * Data: {@code mbs.json}: {@code {"module_builds": [<verbose module build>, ...]}}.
 */
public final class MbsStandin extends JsonStandin {

    public static final String DATA_FILE = "mbs.json";

    /** Fields only {@code extended_json} (verbose) has. */
    private static final Set<String> VERBOSE_ONLY = Set.of("modulemd", "state_trace", "build_context",
            "runtime_context", "ref_build_context", "state_url", "base_module_buildrequires", "virtual_streams");

    private static final List<String> STATES = List.of("init", "wait", "build", "done", "failed", "ready", "garbage");

    private final NavigableMap<Long, ObjectNode> builds = new ConcurrentSkipListMap<>();

    public static MbsStandin empty() {
        return new MbsStandin();
    }

    public static MbsStandin load(Path directory) {
        MbsStandin standin = new MbsStandin();
        StandinData.load(DATA_FILE, directory).path("module_builds")
                .forEach(b -> standin.putBuild((ObjectNode) b.deepCopy()));
        return standin;
    }

    // ---- programmatic changes -------------------------------------------------------------

    /** Adds or replaces a build, given in MBS's verbose form; {@code id} and {@code name} are required. */
    public MbsStandin putBuild(ObjectNode given) {
        // Stored nodes are never changed in place: a request may be serializing one right now.
        ObjectNode build = given.deepCopy();
        if (!build.hasNonNull("id") || !build.hasNonNull("name")) {
            throw new IllegalArgumentException("a module build needs an id and a name: " + build);
        }
        int state = build.path("state").asInt(0);
        if (!build.hasNonNull("state_name") && state >= 0 && state < STATES.size()) {
            build.put("state_name", STATES.get(state));
        }
        builds.put(build.get("id").asLong(), build);
        return this;
    }

    public boolean removeBuild(long id) {
        return builds.remove(id) != null;
    }

    public Optional<ObjectNode> build(long id) {
        return Optional.ofNullable(builds.get(id)).map(ObjectNode::deepCopy);
    }

    /** Moves a build to another state as MBS would: state, name, time and a state_trace entry. */
    public MbsStandin transition(long id, String stateName) {
        ObjectNode stored = builds.get(id);
        int state = STATES.indexOf(stateName);
        if (stored == null || state < 0) {
            throw new IllegalArgumentException("no build " + id + " or no state " + stateName);
        }
        ObjectNode b = stored.deepCopy();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        b.put("state", state).put("state_name", stateName).put("time_modified", now);
        if (stateName.equals("done") || stateName.equals("failed")) {
            b.put("time_completed", now);
        }
        ArrayNode trace = b.has("state_trace") && b.get("state_trace").isArray()
                ? (ArrayNode) b.get("state_trace") : b.putArray("state_trace");
        trace.addObject().put("time", now).put("state", state).put("state_name", stateName).putNull("reason");
        builds.put(id, b);
        return this;
    }

    // ---- HTTP -------------------------------------------------------------------------------

    @Override
    protected void serve(StandinExchange ex) throws IOException {
        List<String> s = ex.segments();
        if (s.size() >= 3 && s.get(0).equals("module-build-service") && (s.get(1).equals("1") || s.get(1).equals("2"))
                && s.get(2).equals("module-builds") && s.size() <= 4) {
            if (s.size() == 3) {
                list(ex, s.get(1));
            } else {
                one(ex, s.get(3));
            }
            return;
        }
        error(ex, 404, "Not Found", "The requested URL was not found on the server.");
    }

    private void one(StandinExchange ex, String idText) throws IOException {
        ObjectNode b = null;
        if (idText.matches("\\d{1,18}")) {
            b = builds.get(Long.parseLong(idText));
        }
        if (b == null) {
            error(ex, 404, "Not Found", "No such module found.");
            return;
        }
        ex.sendJson(200, render(b, ex.flag("verbose", false)));
    }

    private void list(StandinExchange ex, String apiVersion) throws IOException {
        int page;
        int perPage;
        try {
            page = Integer.parseInt(ex.param("page", "1"));
            perPage = Integer.parseInt(ex.param("per_page", "10"));
        } catch (NumberFormatException e) {
            error(ex, 400, "Bad Request", "The page and per_page parameters must be integers");
            return;
        }
        if (page < 1 || perPage < 1) {
            error(ex, 400, "Bad Request", "The page and per_page parameters must be positive");
            return;
        }
        boolean verbose = ex.flag("verbose", false);
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode b : builds.descendingMap().values()) {
            if (matches(ex, b)) {
                matching.add(b);
            }
        }
        int pages = Math.max(1, (matching.size() + perPage - 1) / perPage);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode items = body.putArray("items");
        int from = (page - 1) * perPage;
        for (int i = from; i < Math.min(from + perPage, matching.size()); i++) {
            items.add(render(matching.get(i), verbose));
        }
        ObjectNode meta = body.putObject("meta");
        meta.put("page", page).put("pages", pages).put("per_page", perPage).put("total", matching.size());
        meta.put("first", pageUrl(ex, apiVersion, 1, perPage)).put("last", pageUrl(ex, apiVersion, pages, perPage));
        if (page > 1) {
            meta.put("prev", pageUrl(ex, apiVersion, page - 1, perPage));
        } else {
            meta.putNull("prev");
        }
        if (page < pages) {
            meta.put("next", pageUrl(ex, apiVersion, page + 1, perPage));
        } else {
            meta.putNull("next");
        }
        ex.sendJson(200, body);
    }

    private static boolean matches(StandinExchange ex, ObjectNode b) {
        for (String field : List.of("name", "stream", "version", "context", "owner", "koji_tag")) {
            String wanted = ex.param(field);
            if (wanted != null && !wanted.equals(b.path(field).asText())) {
                return false;
            }
        }
        String state = ex.param("state");
        return state == null || state.equals(b.path("state_name").asText()) || state.equals(b.path("state").asText());
    }

    private static String pageUrl(StandinExchange ex, String apiVersion, int page, int perPage) {
        Urls.Query q = new Urls.Query();
        for (Map.Entry<String, List<String>> p : ex.params().entrySet()) {
            if (!p.getKey().equals("page") && !p.getKey().equals("per_page")) {
                q.addAll(p.getKey(), p.getValue());
            }
        }
        q.add("page", page).add("per_page", perPage);
        return ex.baseUrl() + "module-build-service/" + apiVersion + "/module-builds/?" + q;
    }

    private static JsonNode render(ObjectNode b, boolean verbose) {
        ObjectNode out = b.deepCopy();
        if (!verbose) {
            VERBOSE_ONLY.forEach(out::remove);
        }
        return out;
    }

    private static void error(StandinExchange ex, int status, String error, String message) throws IOException {
        ex.sendJson(status, JSON.createObjectNode().put("status", status).put("error", error).put("message", message));
    }
}
