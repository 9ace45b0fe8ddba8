package org.fedoraproject.pdcupdater.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Component-side endpoints the updater writes, with each duplicate shape of pdc-api.md 1.9. */
class ComponentsTest extends SandboxTestBase {

    @Test
    void duplicateShapes() {
        // shape 3: global components (model validation, capitalised)
        assertThat(c.post("global-components/", j("{'name': 'bash'}")).status()).isEqualTo(201);
        var gc = c.post("global-components/", j("{'name': 'bash'}"));
        assertThat(gc.status()).isEqualTo(400);
        assertThat(gc.body().get("detail").get(0).asText()).isEqualTo("Global component with this Name already exists.");

        // shape 1: unique together
        String rc = j("{'release': 'fedora-24', 'global_component': 'bash', 'name': 'bash', 'dist_git_branch': 'f24'}");
        assertThat(c.post("release-components/", rc).status()).isEqualTo(201);
        var dupRc = c.post("release-components/", rc);
        assertThat(dupRc.status()).isEqualTo(400);
        assertThat(dupRc.body().get("detail").get(0).asText()).isEqualTo("The fields release, name, type must make a unique set.");

        // shape 2: single unique field
        assertThat(c.post("component-group-types/", j("{'name': 'critpath'}")).status()).isEqualTo(201);
        var gt = c.post("component-group-types/", j("{'name': 'critpath'}"));
        assertThat(gt.body().get("name").get(0).asText()).isEqualTo("group type with this name already exists.");
        var person = c.post("contacts/people/", j("{'username': 'ralph', 'email': 'ralph@example.com'}"));
        assertThat(person.status()).isEqualTo(201);
        assertThat(c.post("contacts/people/", j("{'username': 'ralph', 'email': 'r@example.com'}")).body().get("username").get(0).asText())
                .isEqualTo("person with this username already exists.");
        assertThat(c.post("contacts/people/", j("{'username': 'x', 'email': 'nope'}")).body().get("email").get(0).asText())
                .isEqualTo("Enter a valid email address.");
        assertThat(c.post("arches/", j("{'name': 'x86_64'}")).body().get("name").get(0).asText())
                .isEqualTo("arch with this name already exists.");
        assertThat(c.post("component-relationship-types/", j("{'name': 'bundles'}")).body().get("name").get(0).asText())
                .isEqualTo("release component relationship type with this name already exists.");
        assertThat(c.post("component-sla-types/", j("{'name': 'bug_fixes'}")).body().get("name").get(0).asText())
                .isEqualTo("sla with this name already exists.");

        // releases: no base product -> shape 3
        var rel = c.post("releases/", j("{'short': 'fedora', 'version': '24', 'name': 'Fedora', 'release_type': 'ga'}"));
        assertThat(rel.status()).isEqualTo(400);
        assertThat(rel.body().get("detail").get(0).asText()).isEqualTo("Release with this Release id already exists.");
    }

    @Test
    void releaseIdIsComputedAndValidated() {
        var r = c.post("releases/", j("{'short': 'fedora', 'version': '29', 'name': 'Fedora Updates', 'release_type': 'updates',"
                + " 'dist_git': {'branch': 'f29'}}"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().get("release_id").asText()).isEqualTo("fedora-29-updates");
        assertThat(r.body().get("compose_set").isArray()).isTrue();
        var bad = c.post("releases/", j("{'short': 'Fedora', 'version': '29', 'name': 'F', 'release_type': 'nope'}"));
        assertThat(bad.body().get("short").get(0).asText()).isEqualTo("Only accept lowercase letters, numbers or -");
        assertThat(bad.body().get("release_type").get(0).asText()).startsWith("'nope' is not allowed value. Use one of 'ga', 'updates'");
        var ro = c.patch("releases/fedora-29-updates/", j("{'release_id': 'x'}"));
        assertThat(ro.body().get("detail").asText()).isEqualTo("Can not update read only fields: \"release_id\".");
        var renamed = c.patch("releases/fedora-29-updates/", j("{'version': '30'}"));
        assertThat(renamed.body().get("release_id").asText()).isEqualTo("fedora-30-updates");
        assertThat(c.get("releases/fedora-29-updates/").status()).isEqualTo(404);
        assertThat(c.get("releases/?dist_git_branch=f29").body().get("count").asInt()).isEqualTo(1);
        assertThat(c.get("releases/?bugzilla_product=null&short=fedora").body().get("count").asInt()).isEqualTo(1);
    }

    @Test
    void releaseComponentsOfInactiveReleasesAreHidden() {
        c.post("global-components/", j("{'name': 'bash'}"));
        var rc = c.post("release-components/", j("{'release': 'fedora-25', 'global_component': 'bash', 'name': 'bash'}"));
        assertThat(rc.status()).isEqualTo(201);
        int id = rc.body().get("id").asInt();
        assertThat(rc.body().get("release").get("release_id").asText()).isEqualTo("fedora-25");
        assertThat(rc.body().get("dist_git_branch").asText()).isEqualTo("f25"); // inherited from the release
        assertThat(rc.body().get("type").asText()).isEqualTo("rpm");

        assertThat(c.patch("releases/fedora-25/", j("{'active': false}")).status()).isEqualTo(200);
        assertThat(c.get("release-components/?name=bash").body().get("count").asInt()).isZero();
        assertThat(c.get("release-components/" + id + "/").status()).isEqualTo(404);
        assertThat(c.patch("release-components/" + id + "/", j("{'active': false}")).status()).isEqualTo(404);
        assertThat(c.get("release-components/?name=bash&include_inactive_release=").body().get("count").asInt()).isEqualTo(1);
        assertThat(c.get("release-components/" + id + "/?include_inactive_release=1").status()).isEqualTo(200);

        var inactive = c.post("release-components/", j("{'release': 'fedora-25', 'global_component': 'bash', 'name': 'bash2'}"));
        assertThat(inactive.body().get("release").get(0).asText())
                .isEqualTo("Can not create a release component with an inactive release.");
        var noRelease = c.patch("release-components/" + id + "/?include_inactive_release=1", j("{'release': 'fedora-24'}"));
        assertThat(noRelease.body().get("detail").asText()).isEqualTo("Unknown fields: \"release\".");
        var missingGc = c.post("release-components/", j("{'release': 'fedora-24', 'global_component': 'zsh', 'name': 'zsh'}"));
        assertThat(missingGc.body().get("global_component").get(0).asText()).isEqualTo("Object with name=zsh does not exist.");
        var nullBranch = c.post("release-components/", j("{'release': 'fedora-24', 'global_component': 'bash', 'name': 'bash', "
                + "'dist_git_branch': null}"));
        assertThat(nullBranch.body().get("dist_git_branch").get(0).asText()).isEqualTo("This field may not be null.");
    }

    @Test
    void bugzillaComponentsAreGetOrCreate() {
        var root = c.post("bugzilla-components/", j("{'name': 'Fedora'}"));
        assertThat(root.status()).isEqualTo(201);
        var again = c.post("bugzilla-components/", j("{'name': 'Fedora'}"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("pdc-warning")).isEqualTo("The bugzilla component already exists");
        var child = c.post("bugzilla-components/", "{\"name\": \"kernel\", \"parent_pk\": " + root.body().get("id").asInt() + "}");
        assertThat(child.body().get("parent_component").asText()).isEqualTo("Fedora");
        assertThat(c.get("bugzilla-components/" + root.body().get("id").asInt() + "/").body().get("subcomponents").get(0).asText())
                .isEqualTo("kernel");
        c.post("global-components/", j("{'name': 'kernel'}"));
        var rc = c.post("release-components/", j("{'release': 'fedora-24', 'global_component': 'kernel', 'name': 'kernel', "
                + "'bugzilla_component': 'Fedora/kernel'}"));
        assertThat(rc.body().get("bugzilla_component").get("name").asText()).isEqualTo("kernel");
        assertThat(c.post("bugzilla-components/", j("{'parent_pk': 'x', 'name': 'a'}")).body().get("detail").asText())
                .isEqualTo("Parent_pk is not typeof int or Nonetype.");
    }

    @Test
    void groupsAndRelationships() {
        c.post("global-components/", j("[{'name': 'a'}, {'name': 'b'}]"));
        var comps = c.post("release-components/", j("[{'release': 'fedora-26', 'global_component': 'a', 'name': 'a'},"
                + "{'release': 'fedora-26', 'global_component': 'b', 'name': 'b'}]"));
        assertThat(comps.status()).isEqualTo(201);
        int a = comps.body().get(0).get("id").asInt();
        c.post("component-group-types/", j("{'name': 'atomic-docker-host'}"));
        String group = "{\"group_type\": \"atomic-docker-host\", \"release\": \"fedora-26\", \"description\": \"deps\", "
                + "\"components\": [{\"id\": " + a + "}, {\"release\": \"fedora-26\", \"name\": \"b\"}]}";
        var g = c.post("component-groups/", group);
        assertThat(g.status()).isEqualTo(201);
        assertThat(g.body().get("components")).hasSize(2);
        assertThat(c.post("component-groups/", group).body().get("detail").get(0).asText())
                .isEqualTo("The fields group_type, release, description must make a unique set.");
        var badRef = c.post("component-groups/", j("{'group_type': 'atomic-docker-host', 'release': 'fedora-26', "
                + "'description': 'x', 'components': [{'foo': 1}]}"));
        assertThat(badRef.body().get("components").get("detail").asText()).isEqualTo("Only accept ['id'] or ['release', 'name']");

        c.post("component-relationship-types/", j("{'name': 'RPMBuildRequires'}"));
        String rel = "{\"type\": \"RPMBuildRequires\", \"from_component\": {\"id\": " + a + "}, "
                + "\"to_component\": {\"release\": \"fedora-26\", \"name\": \"b\"}}";
        var r = c.post("release-component-relationships/", rel);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().get("to_component").get("name").asText()).isEqualTo("b");
        assertThat(c.post("release-component-relationships/", rel).body().get("detail").get(0).asText())
                .isEqualTo("The fields relation_type, from_component, to_component must make a unique set.");
        var found = c.get("release-component-relationships/?from_component_name=a&from_component_release=fedora-26"
                + "&type=RPMBuildRequires&to_component_name=b&to_component_name=zzz");
        assertThat(found.body().get("count").asInt()).isEqualTo(1);
        int relId = found.body().get("results").get(0).get("id").asInt();
        assertThat(c.delete("release-component-relationships/", "[" + relId + "]").status()).isEqualTo(204);
        assertThat(c.post("release-component-relationships/", rel.replace("RPMBuildRequires", "nope")).body().get("type").get(0).asText())
                .startsWith("'nope' is not allowed value. Use one of 'bundles', 'executes'");
    }

    @Test
    void branchSlasCreateBranchesAndRetirementKeepsActiveToday() {
        c.post("global-components/", j("{'name': 'python'}"));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        var sla = c.post("component-branch-slas/", j("{'sla': 'security_fixes', 'eol': '2222-01-01', "
                + "'branch': {'name': 'f28', 'global_component': 'python', 'type': 'rpm'}}"));
        assertThat(sla.status()).isEqualTo(201);
        JsonNode branch = sla.body().get("branch");
        assertThat(branch.get("active").asBoolean()).isTrue();
        assertThat(branch.get("critical_path").asBoolean()).isFalse();
        var dup = c.post("component-branch-slas/", j("{'sla': 'security_fixes', 'eol': '2222-01-01', "
                + "'branch': {'name': 'f28', 'global_component': 'python', 'type': 'rpm'}}"));
        assertThat(dup.body().get("branch").get(0).asText())
                .isEqualTo("The SLA \"security_fixes\" tied to the component \"python\" and branch \"f28\" already exists");
        var mismatch = c.post("component-branch-slas/", j("{'sla': 'bug_fixes', 'eol': '2222-01-01', "
                + "'branch': {'name': 'f28', 'global_component': 'python', 'type': 'rpm', 'critical_path': true}}"));
        assertThat(mismatch.body().get("branch.critical_path").get(0).asText())
                .isEqualTo("The found branch's critical_path field did not match the supplied value");

        var branches = c.get("component-branches/?global_component=python&name=f28&type=rpm");
        assertThat(branches.body().get("count").asInt()).isEqualTo(1);
        assertThat(branches.body().get("results").get(0).get("slas")).hasSize(1);

        int slaId = sla.body().get("id").asInt();
        assertThat(c.patch("component-branch-slas/" + slaId + "/", "{\"eol\": \"" + today + "\"}").status()).isEqualTo(200);
        assertThat(c.get("component-branches/?global_component=python&active=true").body().get("count").asInt()).isEqualTo(1);
        c.patch("component-branch-slas/" + slaId + "/", j("{'eol': '2000-01-01'}"));
        assertThat(c.get("component-branches/?global_component=python&active=false").body().get("count").asInt()).isEqualTo(1);
        var badBool = c.get("component-branches/?active=maybe");
        assertThat(badBool.status()).isEqualTo(400);
        assertThat(badBool.body().get(0).asText()).isEqualTo("Value [maybe] is not a boolean");
        var ro = c.patch("component-branches/" + branch.get("id").asInt() + "/", j("{'active': false}"));
        assertThat(ro.body().get("detail").asText()).isEqualTo("Can not update read only fields: \"active\".");
        var rename = c.patch("component-branches/" + branch.get("id").asInt() + "/", j("{'name': 'f29'}"));
        assertThat(rename.body().get("name").get(0).asText()).isEqualTo("You may not modify the branch's name due to policy");
        var changeBranch = c.patch("component-branch-slas/" + slaId + "/", j("{'branch': {'name': 'f27', "
                + "'global_component': 'python', 'type': 'rpm'}}"));
        assertThat(changeBranch.body().get("branch").get(0).asText()).isEqualTo("The branch cannot be modified using this API");
        // the branch creation was part of the SLA's changeset
        var cs = c.get("changesets/?resource=componentbranch");
        assertThat(cs.body().get("count").asInt()).isEqualTo(1);
        assertThat(cs.body().get("results").get(0).get("changes")).hasSize(2);
    }
}
