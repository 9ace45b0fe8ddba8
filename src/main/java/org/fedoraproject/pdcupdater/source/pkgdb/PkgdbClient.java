package org.fedoraproject.pdcupdater.source.pkgdb;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.source.http.HttpSettings;
import org.fedoraproject.pdcupdater.source.http.JsonFields;
import org.fedoraproject.pdcupdater.source.http.JsonHttp;
import org.fedoraproject.pdcupdater.source.http.Paging;
import org.fedoraproject.pdcupdater.source.http.Urls;

/**
 * Reads the package database (pkgdb2, {@code https://admin.fedoraproject.org/pkgdb/}), the API the
 * Python pdc-updater used through pkgdb2client from 2015 to 2017 (checked against pkgdb2 2.7.1,
 * {@code pkgdb2/api/packages.py} and {@code collections.py}).
 * <ul>
 *   <li>{@code api/packages/?namespace=&pattern=&page=&limit=[&acls=true][&eol=true]}: paged,
 *       {@code {"output": "ok", "packages": [...], "page": 1, "page_total": 3}}. With {@code acls=true}
 *       each package carries an {@code acls} list of its listings (branch, status, point of contact).
 *       Nothing found is a <b>404</b> with {@code "packages": []}.</li>
 *   <li>{@code api/package/?pkgname=&namespace=&acls=false[&eol=true]}: one package as its listings,
 *       {@code {"output": "ok", "packages": [{"package": {...}, "collection": {...}, "status": ...}]}};
 *       404 when unknown. The query form is used because pkgdb2 also routes
 *       {@code /package/<namespace>/<name>/} to the list view.</li>
 *   <li>{@code api/collections/[?clt_status=]}: {@code {"collections": [...], "output": "ok"}}, unpaged.</li>
 * </ul>
 */
public final class PkgdbClient {

    private final JsonHttp http;

    public PkgdbClient(HttpClient client, HttpSettings settings) {
        this.http = new JsonHttp("pkgdb", client, settings);
    }

    /** Every package matching {@code query}, a page at a time. */
    public Stream<PkgdbPackage> packages(PackageQuery query) {
        return Paging.stream(page -> fetchPage(query, page));
    }

    /**
     * One package with all its listings, or empty when pkgdb does not know it.
     *
     * @param includeEol also list branches of EOL collections
     */
    public Optional<PkgdbPackage> packageInfo(String namespace, String name, boolean includeEol) {
        Urls.Query query = new Urls.Query().add("pkgname", name).add("namespace", namespace).add("acls", "false");
        if (includeEol) {
            query.add("eol", "true");
        }
        URI uri = http.uri("api/package/", query);
        return http.getJson(uri).map(body -> {
            JsonNode listings = body.path("packages");
            if (!listings.isArray() || listings.isEmpty()) {
                throw http.malformed(uri, "no listings for a known package");
            }
            JsonNode pkg = listings.get(0).path("package");
            List<PkgdbListing> out = new ArrayList<>();
            listings.forEach(l -> out.add(PkgdbListing.from(l)));
            return toPackage(pkg, namespace, out);
        });
    }

    /** Every collection, or those with one of the given statuses ({@link PkgdbCollection#ACTIVE}, ...). */
    public List<PkgdbCollection> collections(String... statuses) {
        URI uri = http.uri("api/collections/", new Urls.Query().addAll("clt_status", List.of(statuses)));
        JsonNode body = http.getJson(uri).orElseThrow(() -> http.malformed(uri, "404 for the collection list"));
        List<PkgdbCollection> out = new ArrayList<>();
        body.path("collections").forEach(c -> out.add(PkgdbCollection.from(c)));
        return out;
    }

    /** The collection whose branch is {@code branchname}. */
    public Optional<PkgdbCollection> collection(String branchname) {
        return collections().stream().filter(c -> branchname.equals(c.branchname())).findFirst();
    }

    private Paging.Page<PkgdbPackage> fetchPage(PackageQuery query, int page) {
        Urls.Query params = new Urls.Query()
                .add("namespace", query.namespace())
                .add("pattern", query.pattern())
                .addAll("branches", query.branches())
                .add("page", page)
                .add("limit", query.pageSize());
        if (query.withBranches()) {
            params.add("acls", "true");
        }
        if (query.includeEol()) {
            params.add("eol", "true");
        }
        URI uri = http.uri("api/packages/", params);
        JsonHttp.StatusAndJson answer = http.getJson(uri, status -> status == 404);
        JsonNode body = answer.body();
        if (answer.status() == 404) {
            // pkgdb's "No packages found for these parameters": an empty result, unless the 404
            // did not come from the API at all.
            if (!body.path("packages").isArray()) {
                throw http.malformed(uri, "404 without a package list");
            }
            return new Paging.Page<>(List.of(), true);
        }
        List<PkgdbPackage> items = new ArrayList<>();
        for (JsonNode p : body.path("packages")) {
            List<PkgdbListing> listings = new ArrayList<>();
            if (query.withBranches()) {
                p.path("acls").forEach(l -> listings.add(PkgdbListing.from(l)));
            }
            items.add(toPackage(p, query.namespace(), listings));
        }
        int total = body.path("page_total").asInt(1);
        return new Paging.Page<>(items, page >= total);
    }

    private static PkgdbPackage toPackage(JsonNode p, String namespaceAsked, List<PkgdbListing> listings) {
        String namespace = JsonFields.text(p, "namespace");
        return new PkgdbPackage(JsonFields.text(p, "name"), namespace == null ? namespaceAsked : namespace,
                JsonFields.text(p, "summary"), JsonFields.text(p, "status"), JsonFields.text(p, "upstream_url"),
                listings);
    }
}
