package org.fedoraproject.pdcupdater.handler.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fedoraproject.pdcupdater.handler.InvalidMessageException;
import org.fedoraproject.pdcupdater.pdc.resource.Modules.Dependency;
import org.fedoraproject.pdcupdater.sandbox.standin.MbsStandin;
import org.junit.jupiter.api.Test;

class ModulemdParserTest {

    @Test
    void readsTheBundledVersionOneModulemd() {
        String yaml = MbsStandin.load(null).build(1503).orElseThrow().get("modulemd").asText();
        Modulemd md = ModulemdParser.parse(yaml, "testmodule");
        assertThat(md.name()).isEqualTo("testmodule");
        assertThat(md.stream()).isEqualTo("master");
        assertThat(md.runtimeDeps()).containsExactly(new Dependency("platform", "f28"));
        assertThat(md.buildDeps()).containsExactly(new Dependency("platform", "f28"));
        assertThat(md.componentRefs()).containsEntry("ed", "master");
        assertThat(md.builtCommits()).containsEntry("ed", "51f529a5cde2b843ed9c7870689d707eaab3a9d1");
    }

    @Test
    void readsVersionTwoDependencyListsWithSeveralStreams() {
        String yaml = """
                document: modulemd
                version: 2
                data:
                  name: nodejs
                  stream: 8
                  dependencies:
                    - buildrequires: {platform: [f28, f29]}
                      requires: {platform: [f28, f29], python: []}
                    - buildrequires: {platform: [el8]}
                      requires: {platform: [el8]}
                """;
        Modulemd md = ModulemdParser.parse(yaml, "nodejs:8");
        assertThat(md.stream()).isEqualTo("8");
        assertThat(md.buildDeps()).containsExactly(new Dependency("platform", "f28"), new Dependency("platform", "f29"),
                new Dependency("platform", "el8"));
        assertThat(md.runtimeDeps()).containsExactly(new Dependency("platform", "f28"),
                new Dependency("platform", "f29"), new Dependency("platform", "el8"));
        assertThat(md.componentRefs()).isEmpty();
    }

    @Test
    void refusesWhatIsNotAUsableModulemd() {
        assertInvalid("", "empty");
        assertInvalid("data: [unclosed", "not valid YAML");
        assertInvalid("- just\n- a list\n", "not a mapping");
        assertInvalid("document: modulemd-defaults\nversion: 1\ndata: {}\n", "not modulemd");
        assertInvalid("document: modulemd\nversion: 9\ndata: {}\n", "version 9");
        assertInvalid("document: modulemd\nversion: 2\ndata: text\n", "\"data\" is not a mapping");
        assertInvalid("document: modulemd\nversion: 2\ndata: {dependencies: [{requires: {platform: [{x: 1}]}}]}\n",
                "not a stream name");
        assertInvalid("document: modulemd\nversion: 1\nversion: 2\ndata: {}\n", "not valid YAML");
        assertInvalid("document: modulemd\nversion: 2\ndata: !!python/object:os.system {}\n", "not");
    }

    private static void assertInvalid(String yaml, String reason) {
        assertThatThrownBy(() -> ModulemdParser.parse(yaml, "m:s:1:c"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("malformed modulemd of m:s:1:c: ")
                .hasMessageContaining(reason);
    }
}
