package org.fedoraproject.pdcupdater.source.mbs;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.source.http.HttpSettings;
import org.fedoraproject.pdcupdater.source.http.JsonFields;
import org.fedoraproject.pdcupdater.source.http.JsonHttp;
import org.fedoraproject.pdcupdater.source.http.Paging;
import org.fedoraproject.pdcupdater.source.http.Urls;

/**
 * Reads the Module Build Service ({@code https://mbs.fedoraproject.org/module-build-service/1/}).
 * <ul>
 *   <li>{@code module-builds/<id>?verbose=true}: one build with {@code modulemd}, {@code tasks},
 *       {@code state_trace}, ... (MBS's {@code extended_json}); 404
 *       {@code {"status": 404, "error": "Not Found", "message": "No such module found."}}.
 *       The Python handler fetched exactly this for {@code modulemd}.</li>
 *   <li>{@code module-builds/?name=&stream=&state=&page=&per_page=[&verbose=true]}: paged,
 *       {@code {"items": [...], "meta": {"page": 1, "pages": 3, "per_page": 10, "total": 25, "next": ...}}}.</li>
 * </ul>
 * The base URL may name API version 1 or 2; both answer these two calls alike.
 */
public final class MbsClient {

    private final JsonHttp http;

    public MbsClient(HttpClient client, HttpSettings settings) {
        this.http = new JsonHttp("MBS", client, settings);
    }

    /** The build with this id, with its modulemd, or empty when MBS has none. */
    public Optional<ModuleBuild> moduleBuild(long id) {
        URI uri = http.uri("module-builds/" + id, new Urls.Query().add("verbose", "true"));
        return http.getJson(uri).map(body -> {
            if (!body.has("id") || !body.has("name")) {
                throw http.malformed(uri, "a module build without id or name");
            }
            return toBuild(body);
        });
    }

    /** Builds matching the query, in MBS's order, one page in memory at a time. */
    public Stream<ModuleBuild> moduleBuilds(ModuleBuildQuery query) {
        return Paging.stream(page -> {
            Urls.Query params = new Urls.Query().add("name", query.name()).add("stream", query.stream())
                    .add("state", query.state()).add("page", page).add("per_page", query.pageSize());
            if (query.verbose()) {
                params.add("verbose", "true");
            }
            URI uri = http.uri("module-builds/", params);
            JsonNode body = http.getJson(uri).orElseThrow(() -> http.malformed(uri, "404 for the build list"));
            List<ModuleBuild> items = new ArrayList<>();
            body.path("items").forEach(item -> items.add(toBuild(item)));
            int pages = body.path("meta").path("pages").asInt(1);
            return new Paging.Page<>(items, page >= pages);
        });
    }

    static ModuleBuild toBuild(JsonNode b) {
        List<Long> components = new ArrayList<>();
        b.path("component_builds").forEach(c -> components.add(c.asLong()));
        List<ComponentTask> tasks = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> formats = b.path("tasks").fields(); formats.hasNext();) {
            Map.Entry<String, JsonNode> format = formats.next();
            for (Iterator<Map.Entry<String, JsonNode>> pkgs = format.getValue().fields(); pkgs.hasNext();) {
                Map.Entry<String, JsonNode> pkg = pkgs.next();
                JsonNode t = pkg.getValue();
                tasks.add(new ComponentTask(format.getKey(), pkg.getKey(), JsonFields.longValue(t, "task_id"),
                        JsonFields.intValue(t, "state"), JsonFields.text(t, "state_reason"),
                        JsonFields.text(t, "nvr")));
            }
        }
        return new ModuleBuild(b.path("id").asLong(), JsonFields.text(b, "name"), JsonFields.text(b, "stream"),
                JsonFields.text(b, "version"), JsonFields.text(b, "context"), b.path("state").asInt(-1),
                JsonFields.text(b, "state_name"), JsonFields.text(b, "state_reason"), JsonFields.text(b, "koji_tag"),
                JsonFields.text(b, "owner"), JsonFields.text(b, "scmurl"), JsonFields.text(b, "modulemd"),
                components, tasks, JsonFields.text(b, "time_submitted"), JsonFields.text(b, "time_modified"),
                JsonFields.text(b, "time_completed"));
    }
}
