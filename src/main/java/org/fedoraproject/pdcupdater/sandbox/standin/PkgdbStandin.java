package org.fedoraproject.pdcupdater.sandbox.standin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Speaks pkgdb2's read API (mounted where {@code https://admin.fedoraproject.org/pkgdb/} would be),
 * following pkgdb2 2.7.1's {@code api/packages.py} and {@code api/collections.py}:
 * <ul>
 *   <li>{@code api/packages/[<pattern>/]}: {@code pattern} (repeatable), {@code namespace}
 *       (default rpms), {@code branches}, {@code status}, {@code eol}, {@code acls}, {@code page},
 *       {@code limit} (default 250, at most 500). Paged with {@code page}/{@code page_total};
 *       nothing found is a 404 with {@code "packages": []}.</li>
 *   <li>{@code api/package/?pkgname=&namespace=}, {@code api/package/<name>/},
 *       {@code api/package/<namespace>/<name>/}: the package's listings (non-EOL unless {@code eol}),
 *       each with {@code package} and {@code collection}; 404 when unknown.</li>
 *   <li>{@code api/collections/[<pattern>/]} with {@code clt_status}.</li>
 * </ul>
 * Data: {@code pkgdb.json}: {@code {"collections": [...], "packages": [{... "listings":
 * [{"branch", "status", "point_of_contact", "critpath", "status_change"}]}]}}.
 */
public final class PkgdbStandin extends JsonStandin {

    public static final String DATA_FILE = "pkgdb.json";

    private static final int DEFAULT_LIMIT = 250;
    private static final int MAX_LIMIT = 500;

    /** A package and its listings by branch. */
    private record Pkg(ObjectNode info, NavigableMap<String, ObjectNode> listings) {
    }

    private final NavigableMap<String, ObjectNode> collections = new ConcurrentSkipListMap<>();
    private final NavigableMap<String, Pkg> packages = new ConcurrentSkipListMap<>();

    public static PkgdbStandin empty() {
        return new PkgdbStandin();
    }

    public static PkgdbStandin load(Path directory) {
        PkgdbStandin standin = new PkgdbStandin();
        JsonNode data = StandinData.load(DATA_FILE, directory);
        data.path("collections").forEach(c -> standin.putCollection((ObjectNode) c.deepCopy()));
        for (JsonNode p : data.path("packages")) {
            ObjectNode info = (ObjectNode) p.deepCopy();
            JsonNode listings = info.remove("listings");
            standin.putPackage(info);
            if (listings != null) {
                for (JsonNode l : listings) {
                    standin.putListing(info.path("namespace").asText("rpms"), info.path("name").asText(),
                            l.path("branch").asText(), (ObjectNode) l.deepCopy());
                }
            }
        }
        return standin;
    }

    // ---- programmatic changes -------------------------------------------------------------

    public PkgdbStandin putCollection(String name, String version, String branchname, String status,
            String kojiName, String distTag) {
        ObjectNode c = JSON.createObjectNode().put("name", name).put("version", version).put("branchname", branchname)
                .put("status", status).put("koji_name", kojiName).put("dist_tag", distTag).put("allow_retire", true)
                .put("date_created", "2018-01-01 00:00:00").put("date_updated", "2018-01-01 00:00:00");
        return putCollection(c);
    }

    public PkgdbStandin putCollection(ObjectNode given) {
        // Stored nodes are never changed in place: a request may be serializing one right now.
        ObjectNode collection = given.deepCopy();
        collections.put(collection.path("branchname").asText(), collection);
        return this;
    }

    public PkgdbStandin removeCollection(String branchname) {
        collections.remove(branchname);
        return this;
    }

    public PkgdbStandin putPackage(String namespace, String name, String summary) {
        ObjectNode info = JSON.createObjectNode().put("name", name).put("namespace", namespace).put("summary", summary)
                .put("status", "Approved");
        return putPackage(info);
    }

    /** Adds or replaces a package (its listings are kept when it already existed). */
    public PkgdbStandin putPackage(ObjectNode given) {
        ObjectNode info = given.deepCopy();
        String namespace = info.path("namespace").asText("rpms");
        String name = info.path("name").asText();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a pkgdb package needs a name: " + info);
        }
        info.put("namespace", namespace);
        for (String field : List.of("description", "review_url", "upstream_url")) {
            if (!info.has(field)) {
                info.putNull(field);
            }
        }
        if (!info.has("creation_date")) {
            info.put("creation_date", 1400070978.0);
        }
        if (!info.has("monitor")) {
            info.put("monitor", false);
        }
        if (!info.has("koschei_monitor")) {
            info.put("koschei_monitor", false);
        }
        Pkg old = packages.get(key(namespace, name));
        packages.put(key(namespace, name), new Pkg(info, old == null ? new ConcurrentSkipListMap<>() : old.listings()));
        return this;
    }

    public boolean removePackage(String namespace, String name) {
        return packages.remove(key(namespace, name)) != null;
    }

    /** Puts the package on {@code branch} with {@code status} (Approved, Orphaned, Retired, Removed). */
    public PkgdbStandin putListing(String namespace, String name, String branch, String status) {
        ObjectNode l = JSON.createObjectNode().put("status", status)
                .put("point_of_contact", "Retired".equals(status) || "Orphaned".equals(status) ? "orphan" : "pingou")
                .put("critpath", false).put("status_change", 1514764800.0);
        return putListing(namespace, name, branch, l);
    }

    public PkgdbStandin putListing(String namespace, String name, String branch, ObjectNode given) {
        ObjectNode listing = given.deepCopy();
        if (!collections.containsKey(branch)) {
            throw new IllegalArgumentException("no pkgdb collection " + branch);
        }
        Pkg pkg = packages.get(key(namespace, name));
        if (pkg == null) {
            throw new IllegalArgumentException("no pkgdb package " + key(namespace, name));
        }
        listing.remove("branch");
        pkg.listings().put(branch, listing);
        return this;
    }

    public PkgdbStandin removeListing(String namespace, String name, String branch) {
        Pkg pkg = packages.get(key(namespace, name));
        if (pkg != null) {
            pkg.listings().remove(branch);
        }
        return this;
    }

    /** Retires the package on one branch, as {@code pkgdb.package.retire} reports it. */
    public PkgdbStandin retire(String namespace, String name, String branch) {
        return putListing(namespace, name, branch, "Retired");
    }

    public List<String> packageNames(String namespace) {
        List<String> out = new ArrayList<>();
        packages.values().stream().filter(p -> namespace.equals(p.info().path("namespace").asText()))
                .forEach(p -> out.add(p.info().path("name").asText()));
        return out;
    }

    // ---- HTTP -------------------------------------------------------------------------------

    @Override
    protected void serve(StandinExchange ex) throws IOException {
        List<String> s = ex.segments();
        if (s.size() >= 2 && s.get(0).equals("api")) {
            switch (s.get(1)) {
                case "packages":
                    if (s.size() <= 3) {
                        packageList(ex, s.size() == 3 ? s.get(2) : null);
                        return;
                    }
                    break;
                case "package":
                    if (s.size() <= 4) {
                        String namespace = s.size() == 4 ? s.get(2) : null;
                        String name = s.size() >= 3 ? s.get(s.size() - 1) : null;
                        packageInfo(ex, namespace, name);
                        return;
                    }
                    break;
                case "collections":
                    if (s.size() <= 3) {
                        collectionList(ex, s.size() == 3 ? s.get(2) : null);
                        return;
                    }
                    break;
                default:
                    break;
            }
        }
        ex.sendJson(404, JSON.createObjectNode().put("output", "notok").put("error", "Not Found"));
    }

    private void packageList(StandinExchange ex, String pathPattern) throws IOException {
        List<String> patterns = ex.params("pattern");
        if (patterns.isEmpty()) {
            patterns = List.of(pathPattern == null ? "*" : pathPattern);
        }
        String namespace = ex.param("namespace", "rpms");
        List<String> branches = ex.params("branches");
        List<String> statuses = ex.params("status");
        boolean eol = ex.flag("eol", false);
        boolean acls = ex.flag("acls", false);
        int page;
        int limit;
        try {
            page = Math.abs(Integer.parseInt(ex.param("page", "1")));
        } catch (NumberFormatException e) {
            // pkgdb raises PkgdbException('Wrong page provided'), answered as 500.
            ex.sendJson(500, JSON.createObjectNode().put("output", "notok").put("error", "Wrong page provided")
                    .put("page", 1).put("page_total", 1));
            return;
        }
        try {
            limit = Math.min(Math.abs(Integer.parseInt(ex.param("limit", String.valueOf(DEFAULT_LIMIT)))), MAX_LIMIT);
        } catch (NumberFormatException e) {
            limit = DEFAULT_LIMIT;
        }
        limit = limit == 0 ? DEFAULT_LIMIT : limit;
        List<Pattern> globs = patterns.stream().map(p -> glob(p, true)).toList();

        List<Pkg> matching = new ArrayList<>();
        for (Pkg pkg : packages.values()) {
            if (!namespace.equals(pkg.info().path("namespace").asText())) {
                continue;
            }
            String name = pkg.info().path("name").asText();
            if (globs.stream().noneMatch(g -> g.matcher(name).matches())) {
                continue;
            }
            if (qualifies(pkg, branches, statuses, eol)) {
                matching.add(pkg);
            }
        }
        int pageNumber = Math.max(page, 1);
        int from = (pageNumber - 1) * limit;
        List<Pkg> slice = from >= matching.size() ? List.of() : matching.subList(from, Math.min(from + limit, matching.size()));
        ObjectNode body = JSON.createObjectNode();
        ArrayNode out = body.putArray("packages");
        if (slice.isEmpty()) {
            body.put("output", "notok").put("error", "No packages found for these parameters");
            body.put("page", 1).put("page_total", 1);
            ex.sendJson(404, body);
            return;
        }
        for (Pkg pkg : slice) {
            ObjectNode p = pkg.info().deepCopy();
            ArrayNode listings = p.putArray("acls");
            if (acls) {
                // pkgdb's Package.to_json(acls=True, collection=branches, package=False)
                for (Map.Entry<String, ObjectNode> l : pkg.listings().entrySet()) {
                    if (branches.isEmpty() || branches.contains(l.getKey())) {
                        listings.add(listing(l.getKey(), l.getValue(), null));
                    }
                }
            }
            out.add(p);
        }
        body.put("output", "ok").put("page", pageNumber).put("page_total", (matching.size() + limit - 1) / limit);
        ex.sendJson(200, body);
    }

    /** Like pkgdb's search: the package has a listing on a wanted, non-EOL (unless asked) branch. */
    private boolean qualifies(Pkg pkg, List<String> branches, List<String> statuses, boolean eol) {
        if (pkg.listings().isEmpty()) {
            return branches.isEmpty() && statuses.isEmpty();
        }
        for (Map.Entry<String, ObjectNode> l : pkg.listings().entrySet()) {
            ObjectNode collection = collections.get(l.getKey());
            boolean eolBranch = collection != null && "EOL".equals(collection.path("status").asText());
            if ((eol || !eolBranch)
                    && (branches.isEmpty() || branches.contains(l.getKey()))
                    && (statuses.isEmpty() || statuses.contains(l.getValue().path("status").asText()))) {
                return true;
            }
        }
        return false;
    }

    private void packageInfo(StandinExchange ex, String pathNamespace, String pathName) throws IOException {
        String name = ex.param("pkgname", pathName);
        String namespace = ex.param("namespace", pathNamespace == null ? "rpms" : pathNamespace);
        List<String> branches = ex.params("branches");
        boolean eol = ex.flag("eol", false);
        Pkg pkg = name == null ? null : packages.get(key(namespace, name));
        if (pkg == null) {
            ex.sendJson(404, JSON.createObjectNode().put("output", "notok")
                    .put("error", "Package: " + namespace + "/" + name + " not found"));
            return;
        }
        ArrayNode out = JSON.createArrayNode();
        for (Map.Entry<String, ObjectNode> l : pkg.listings().entrySet()) {
            ObjectNode collection = collections.get(l.getKey());
            boolean eolBranch = collection != null && "EOL".equals(collection.path("status").asText());
            if ((eol || !eolBranch) && (branches.isEmpty() || branches.contains(l.getKey()))) {
                ObjectNode info = pkg.info().deepCopy();
                info.putArray("acls");
                out.add(listing(l.getKey(), l.getValue(), info));
            }
        }
        if (out.isEmpty()) {
            ex.sendJson(404, JSON.createObjectNode().put("output", "notok")
                    .put("error", "No package found on these branches: " + String.join(", ", branches)));
            return;
        }
        ObjectNode body = JSON.createObjectNode().put("output", "ok");
        body.set("packages", out);
        ex.sendJson(200, body);
    }

    /** PackageListing.to_json: point_of_contact, critpath, status, status_change, [package], collection. */
    private ObjectNode listing(String branch, ObjectNode stored, ObjectNode packageInfo) {
        ObjectNode l = JSON.createObjectNode();
        l.set("point_of_contact", stored.path("point_of_contact").isMissingNode() ? JSON.nullNode() : stored.get("point_of_contact"));
        l.put("critpath", stored.path("critpath").asBoolean(false));
        l.put("status", stored.path("status").asText("Approved"));
        l.put("status_change", stored.path("status_change").asDouble(1514764800.0));
        if (packageInfo != null) {
            l.set("package", packageInfo);
        }
        ObjectNode collection = collections.get(branch);
        l.set("collection", collection == null
                ? JSON.createObjectNode().put("branchname", branch) : collection.deepCopy());
        return l;
    }

    private void collectionList(StandinExchange ex, String pathPattern) throws IOException {
        String pattern = ex.param("pattern", pathPattern);
        List<String> statuses = ex.params("clt_status");
        Pattern match = pattern == null ? null : glob(pattern, true);
        List<ObjectNode> found = new ArrayList<>();
        for (ObjectNode c : collections.values()) {
            if ((match == null || match.matcher(c.path("branchname").asText()).matches())
                    && (statuses.isEmpty() || statuses.contains(c.path("status").asText()))) {
                found.add(c);
            }
        }
        // Collection.all orders by name; keep the branch order within a name.
        found.sort(java.util.Comparator.comparing((ObjectNode c) -> c.path("name").asText()));
        ObjectNode body = JSON.createObjectNode();
        ArrayNode out = body.putArray("collections");
        found.forEach(c -> out.add(c.deepCopy()));
        body.put("output", "ok");
        ex.sendJson(200, body);
    }

    private static String key(String namespace, String name) {
        return (namespace == null ? "rpms" : namespace) + "/" + name;
    }
}
