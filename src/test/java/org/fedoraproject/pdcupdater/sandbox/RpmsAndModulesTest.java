package org.fedoraproject.pdcupdater.sandbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RpmsAndModulesTest extends SandboxTestBase {
    static String rpm(String name, String arch, String srpmNevra) {
        return "{\"name\": \"" + name + "\", \"epoch\": 0, \"version\": \"1.0\", \"release\": \"1.fc28\", \"arch\": \"" + arch
                + "\", \"srpm_name\": \"" + name + "\", \"srpm_nevra\": " + (srpmNevra == null ? "null" : "\"" + srpmNevra + "\"") + "}";
    }

    @Test
    void srpmNevraRuleAndDefaults() {
        var src = c.post("rpms/", rpm("bash", "src", null));
        assertThat(src.status()).isEqualTo(201);
        assertThat(src.body().get("filename").asText()).isEqualTo("bash-1.0-1.fc28.src.rpm");
        assertThat(src.body().get("dependencies").size()).isEqualTo(6);
        assertThat(src.body().get("dependencies").get("suggests").isArray()).isTrue();
        var srcWithNevra = c.post("rpms/", rpm("zsh", "src", "zsh-0:1.0-1.fc28.src"));
        assertThat(srcWithNevra.status()).isEqualTo(400);
        assertThat(srcWithNevra.body().get("detail").get(0).asText())
                .isEqualTo("RPM's srpm_nevra should be empty if and only if arch is src");
        var binNoNevra = c.post("rpms/", rpm("bash", "x86_64", null));
        assertThat(binNoNevra.status()).isEqualTo(400);
        var bin = c.post("rpms/", rpm("bash", "x86_64", "bash-0:1.0-1.fc28.src"));
        assertThat(bin.status()).isEqualTo(201);
        var dup = c.post("rpms/", rpm("bash", "x86_64", "bash-0:1.0-1.fc28.src"));
        assertThat(dup.body().get("detail").get(0).asText())
                .isEqualTo("The fields name, epoch, version, release, arch must make a unique set.");
        assertThat(c.delete("rpms/" + bin.body().get("id").asInt() + "/", null).status()).isEqualTo(405);

        int id = bin.body().get("id").asInt();
        var linked = c.patch("rpms/" + id + "/", "{\"linked_releases\": [\"fedora-28\"], \"dependencies\": "
                + "{\"requires\": [\"glibc >= 2.26\", \"ncurses\"]}}");
        assertThat(linked.status()).isEqualTo(200);
        assertThat(linked.body().get("linked_releases").get(0).asText()).isEqualTo("fedora-28");
        assertThat(c.get("rpms/?requires=ncurses").body().get("count").asInt()).isEqualTo(1);
        assertThat(c.get("rpms/?has_no_deps=true").body().get("count").asInt()).isEqualTo(1);
        assertThat(c.get("rpms/?linked_release=fedora-28").body().get("count").asInt()).isEqualTo(1);
        assertThat(c.get("rpms/?name=as").body().get("count").asInt()).isEqualTo(2);     // unanchored regex
        assertThat(c.get("rpms/?name=%5Ebash%24&arch=src").body().get("count").asInt()).isEqualTo(1);
        assertThat(c.get("rpms/?srpm_nevra=null").body().get("count").asInt()).isEqualTo(1);
        assertThat(c.get("rpms/?name=%5B").status()).isEqualTo(400);
    }

    @Test
    void modulesComputeUidAndLinkRpms() {
        String body = "{\"name\": \"testmodule\", \"stream\": \"master\", \"version\": \"20180123171544\", \"context\": \"c2c572ec\", "
                + "\"koji_tag\": \"module-1\", \"modulemd\": \"document: modulemd\", "
                + "\"runtime_deps\": [{\"dependency\": \"platform\", \"stream\": \"f28\"}], "
                + "\"rpms\": [" + rpm("perl-Tangerine", "noarch", "perl-Tangerine-0:1.0-1.fc28.src") + "]}";
        var m = c.post("modules/", body);
        assertThat(m.status()).isEqualTo(201);
        assertThat(m.body().get("uid").asText()).isEqualTo("testmodule:master:20180123171544:c2c572ec");
        assertThat(m.body().get("rpms").get(0).asText()).isEqualTo("perl-Tangerine-0:1.0-1.fc28.noarch.rpm");
        assertThat(m.body().get("active").asBoolean()).isFalse();
        assertThat(c.post("modules/", body).body().get("detail").get(0).asText())
                .isEqualTo("The fields name, stream, version, context must make a unique set.");
        assertThat(c.get("modules/testmodule:master:20180123171544:c2c572ec/").status()).isEqualTo(200);
        assertThat(c.get("modules/?runtime_dep_name=platform&component_name=perl-Tangerine").body().get("count").asInt()).isEqualTo(1);
        var active = c.patch("modules/testmodule:master:20180123171544:c2c572ec/", j("{'active': true}"));
        assertThat(active.body().get("active").asBoolean()).isTrue();
        var noCtx = c.post("modules/", body.replace("\"context\": \"c2c572ec\", ", ""));
        assertThat(noCtx.body().get("context").get(0).asText()).isEqualTo("This field is required.");
        assertThat(c.get("rpms/?name=Tangerine").body().get("count").asInt()).isEqualTo(1);
    }
}
