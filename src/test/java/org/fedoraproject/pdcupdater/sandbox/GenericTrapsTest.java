package org.fedoraproject.pdcupdater.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The conventions of pdc-api.md section 1 that every client trips over. */
class GenericTrapsTest extends SandboxTestBase {

    @Test
    void pagingAcrossSeveralPagesAndPastTheEnd() {
        StringBuilder bulk = new StringBuilder("[");
        for (int i = 0; i < 45; i++) bulk.append(i == 0 ? "" : ",").append(j("{'name': 'pkg" + i + "'}"));
        assertThat(c.post("global-components/", bulk.append("]").toString()).status()).isEqualTo(201);

        var p1 = c.get("global-components/?page_size=20&name=pkg0&name=pkg1&ordering=id");
        assertThat(p1.body().get("count").asInt()).isEqualTo(2);

        List<String> names = new ArrayList<>();
        String url = "global-components/?page_size=20";
        int pages = 0;
        while (url != null) {
            var p = c.get(url);
            assertThat(p.status()).isEqualTo(200);
            assertThat(p.body().get("count").asInt()).isEqualTo(45);
            p.body().get("results").forEach(r -> names.add(r.get("name").asText()));
            JsonNode next = p.body().get("next");
            url = next.isNull() ? null : next.asText();
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(names).hasSize(45).doesNotHaveDuplicates().startsWith("pkg0", "pkg1");

        var p2 = c.get("global-components/?page=2&page_size=20");
        assertThat(p2.body().get("next").asText()).isEqualTo(c.root() + "global-components/?page=3&page_size=20");
        // the link back to page 1 omits "page"
        assertThat(p2.body().get("previous").asText()).isEqualTo(c.root() + "global-components/?page_size=20");

        var past = c.get("global-components/?page=4&page_size=20");
        assertThat(past.status()).isEqualTo(404);
        assertThat(past.body().get("detail").asText()).isEqualTo("Invalid page.");

        var capped = c.get("global-components/?page_size=1000");
        assertThat(capped.body().get("results")).hasSize(45);
        assertThat(c.get("global-components/?page_size=abc").body().get("results")).hasSize(20);
    }

    @Test
    void pageSizeMinusOneIsABareArray() {
        var r = c.get("releases/?page_size=-1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().isArray()).isTrue();
        assertThat(r.body().size()).isEqualTo(19);
        // releases sort by short, then numeric version
        List<String> ids = new ArrayList<>();
        r.body().forEach(x -> ids.add(x.get("release_id").asText()));
        assertThat(ids.indexOf("fedora-23")).isLessThan(ids.indexOf("fedora-28"));
        assertThat(ids.get(0)).startsWith("epel-");
    }

    @Test
    void unknownQueryParamsAre400WithSortedNames() {
        var r = c.get("releases/?zeta=1&alpha=2&format=json");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("detail").asText()).isEqualTo("Unknown query params: alpha, format, zeta.");
        assertThat(c.get("releases/fedora-24/?foo=1").status()).isEqualTo(400);
    }

    @Test
    void unknownOrderingAndFieldsAre400() {
        assertThat(c.get("releases/?ordering=-nope").status()).isEqualTo(400);
        var f = c.get("releases/?fields=release_id,bogus");
        assertThat(f.status()).isEqualTo(400);
        assertThat(f.body().get("detail").asText()).isEqualTo("Unknown fields in \"fields\" filter: bogus");
        var ok = c.get("releases/fedora-24/?fields=release_id&fields=active");
        assertThat(ok.body().size()).isEqualTo(2);
        var ex = c.get("releases/fedora-24/?exclude_fields=compose_set");
        assertThat(ex.body().has("compose_set")).isFalse();
    }

    @Test
    void invalidBooleanFilterIs400() {
        var r = c.get("releases/?active=maybe");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("detail").asText()).isEqualTo("maybe is not a valid boolean value");
        assertThat(c.get("releases/?active=T").status()).isEqualTo(200);
    }

    @Test
    void routesSlashesAndMethods() {
        var noSlash = c.get("releases");
        assertThat(noSlash.status()).isEqualTo(301);
        assertThat(noSlash.header("Location")).isEqualTo("/rest_api/v1/releases/");
        var unknown = c.get("persons/");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("detail").asText()).isEqualTo("Not found");
        var missing = c.get("releases/fedora-99/");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("detail").asText()).isEqualTo("Not found.");
        var delete = c.delete("releases/fedora-24/", null);
        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.body().get("detail").asText()).isEqualTo("Method \"DELETE\" not allowed.");
    }

    @Test
    void authenticationVariants() {
        var anon = c.token(null).post("global-components/", j("{'name': 'x'}"));
        assertThat(anon.status()).isEqualTo(401);
        assertThat(anon.body().get("detail").asText()).isEqualTo("Authentication credentials were not provided.");
        assertThat(anon.header("WWW-Authenticate")).isEqualTo("Token");
        assertThat(c.get("releases/").status()).isEqualTo(200); // anonymous reads are fine

        try (PdcSandbox strict = PdcSandbox.start(new SandboxSettings(null, 0, "jdbc:h2:mem:strict" + System.nanoTime(),
                "goodtoken", null, false))) {
            SandboxClient s = new SandboxClient(strict.apiRoot()).token("badtoken");
            var bad = s.get("releases/");
            assertThat(bad.status()).isEqualTo(401);
            assertThat(bad.body().get("detail").asText()).isEqualTo("Invalid token.");
            assertThat(s.token("goodtoken").post("global-components/", j("{'name': 'x'}")).status()).isEqualTo(201);
            var lower = s.send(java.net.http.HttpRequest.newBuilder(strict.apiRoot().resolve("auth/current-user/"))
                    .header("Authorization", "token goodtoken").GET().build());
            assertThat(lower.status()).isEqualTo(200);
            assertThat(lower.body().get("username").asText()).isEqualTo("sandbox");
            var malformed = s.send(java.net.http.HttpRequest.newBuilder(strict.apiRoot().resolve("releases/"))
                    .header("Authorization", "Token").GET().build());
            assertThat(malformed.status()).isEqualTo(401);
            assertThat(malformed.body().get("detail").asText()).isEqualTo("Invalid token header. No credentials provided.");
        }
    }

    @Test
    void bodyKeyRules() {
        var unknown = c.post("global-components/", j("{'name': 'a', 'foo': 1}"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("detail").asText()).isEqualTo("Unknown fields: \"foo\".");
        var ro = c.post("global-components/", j("{'name': 'a', 'id': 3}"));
        assertThat(ro.status()).isEqualTo(400);
        assertThat(ro.body().get("detail").asText()).isEqualTo("Can not update read only fields: \"id\".");
        var notDict = c.put("releases/fedora-24/", "\"text\"");
        assertThat(notDict.status()).isEqualTo(400);
        assertThat(notDict.body().has("detail")).isTrue();
        var required = c.post("global-components/", "{}");
        assertThat(required.body().get("name").get(0).asText()).isEqualTo("This field is required.");
    }

    @Test
    void emptyPatchIs400WithWarningHeader() {
        var r = c.patch("releases/fedora-24/", "{}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("detail").asText()).isEqualTo("Partial update with no changes does not make much sense.");
        assertThat(r.header("pdc-warning")).isEqualTo("Partial update with no changes does not make much sense.");
    }

    @Test
    void bulkCreateRollsBackEverythingOnOneBadItem() {
        int changesetsBefore = c.get("changesets/").body().get("count").asInt();
        var r = c.post("global-components/", j("[{'name': 'ok1'}, {'name': 'ok2'}, {'nome': 'bad'}]"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("detail").asText()).isEqualTo("Unknown fields: \"nome\".");
        assertThat(r.body().get("id_of_invalid_data").asInt()).isEqualTo(2);
        assertThat(r.body().get("invalid_data").get("nome").asText()).isEqualTo("bad");
        assertThat(c.get("global-components/").body().get("count").asInt()).isZero();
        assertThat(c.get("changesets/").body().get("count").asInt()).isEqualTo(changesetsBefore);

        var fieldErr = c.post("contacts/people/", j("[{'username': 'alice', 'email': 'a@example.com'}, {'username': 'bob'}]"));
        assertThat(fieldErr.status()).isEqualTo(400);
        assertThat(fieldErr.body().get("detail").get("email").get(0).asText()).isEqualTo("This field is required.");
        assertThat(fieldErr.body().get("id_of_invalid_data").asInt()).isEqualTo(1);
        assertThat(c.get("contacts/people/").body().get("count").asInt()).isZero();
    }

    @Test
    void bulkUpdateAndDelete() {
        c.post("global-components/", j("[{'name': 'a'}, {'name': 'b'}, {'name': 'c'}]"));
        var ids = new ArrayList<Integer>();
        c.get("global-components/?ordering=name").body().get("results").forEach(x -> ids.add(x.get("id").asInt()));
        var upd = c.patch("global-components/", j("{'" + ids.get(0) + "': {'dist_git_path': 'rpms/a'}, '"
                + ids.get(1) + "': {'dist_git_path': 'rpms/b'}}"));
        assertThat(upd.status()).isEqualTo(200);
        assertThat(upd.body().get(String.valueOf(ids.get(1))).get("dist_git_path").asText()).isEqualTo("rpms/b");
        var bad = c.delete("global-components/", "[" + ids.get(0) + ", 999999]");
        assertThat(bad.status()).isEqualTo(404);
        assertThat(bad.body().get("id_of_invalid_data").asInt()).isEqualTo(999999);
        assertThat(c.get("global-components/").body().get("count").asInt()).isEqualTo(3);
        assertThat(c.delete("global-components/", "[" + ids.get(0) + ", \"" + ids.get(0) + "\", " + ids.get(1) + "]").status())
                .isEqualTo(204);
        assertThat(c.get("global-components/").body().get("count").asInt()).isEqualTo(1);
        assertThat(c.delete("global-components/", "{}").body().get("detail").asText())
                .isEqualTo("Bulk delete needs a list of identifiers.");
        assertThat(c.put("global-components/", "[]").body().get("detail").asText()).isEqualTo("Bulk update needs a mapping.");
    }

    @Test
    void changesetRecordedWithCommentAuthorAndValues() {
        var created = c.comment("fedmsg 2017-abc").post("global-components/", j("{'name': 'bash'}"));
        assertThat(created.status()).isEqualTo(201);
        int id = created.body().get("id").asInt();
        c.comment(null).patch("global-components/" + id + "/", j("{'dist_git_path': 'rpms/bash'}"));

        var list = c.get("changesets/?resource=globalcomponent");
        assertThat(list.body().get("count").asInt()).isEqualTo(2);
        JsonNode newest = list.body().get("results").get(0);
        JsonNode oldest = list.body().get("results").get(1);
        assertThat(newest.get("comment").isNull()).isTrue();
        assertThat(oldest.get("comment").asText()).isEqualTo("fedmsg 2017-abc");
        assertThat(oldest.get("author").asText()).isEqualTo("sandbox");
        JsonNode change = oldest.get("changes").get(0);
        assertThat(change.get("resource").asText()).isEqualTo("globalcomponent");
        assertThat(change.get("resource_id").asText()).isEqualTo(String.valueOf(id));
        assertThat(change.get("old_value").asText()).isEqualTo("null");
        assertThat(change.get("new_value").asText()).contains("\"name\":\"bash\"");
        assertThat(c.get("changesets/?comment=2017-ABC").body().get("count").asInt()).isEqualTo(1);
        assertThat(c.get("changesets/?author=nobody").body().get("count").asInt()).isZero();
        assertThat(c.get("changesets/?changed_since=2000-01-01").body().get("count").asInt()).isEqualTo(2);
        assertThat(c.get("changesets/?changed_until=2000-01-01%2010:00").body().get("count").asInt()).isZero();
        assertThat(c.get("changesets/" + oldest.get("id").asInt() + "/").status()).isEqualTo(200);
    }

    @Test
    void getCacheServesStaleReadsWhenEnabled() {
        try (PdcSandbox cached = PdcSandbox.start(SandboxSettings.inMemory("cache" + System.nanoTime()).withCacheGets(true))) {
            SandboxClient s = new SandboxClient(cached.apiRoot());
            assertThat(s.get("global-components/?name=x").body().get("count").asInt()).isZero();
            s.post("global-components/", j("{'name': 'x'}"));
            assertThat(s.get("global-components/?name=x").body().get("count").asInt()).isZero(); // stale, like PDC
            assertThat(s.get("global-components/?name=x&page=1").body().get("count").asInt()).isEqualTo(1);
        }
    }
}
