package org.fedoraproject.pdcupdater.pdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Read-only stripping and the desired-vs-current comparison behind upserts. */
class PdcResourceTest {

    static final ObjectMapper M = new ObjectMapper();

    static ObjectNode obj(String json) {
        try {
            return (ObjectNode) M.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void aGetRepresentationLosesItsReadOnlyKeysBeforeBeingSent() {
        ObjectNode release = obj("{'release_id': 'fedora-27', 'short': 'fedora', 'version': '27', 'compose_set': []}");
        assertThat(PdcResource.RELEASES.forCreate(release).toString()).isEqualTo("{\"short\":\"fedora\",\"version\":\"27\"}");

        ObjectNode branch = obj("{'id': 1, 'name': 'f27', 'global_component': 'bash', 'type': 'rpm', 'active': true, "
                + "'slas': [], 'critical_path': true}");
        assertThat(PdcResource.COMPONENT_BRANCHES.forUpdate(branch).toString())
                .isEqualTo("{\"global_component\":\"bash\",\"type\":\"rpm\",\"critical_path\":true}");

        ObjectNode compose = obj("{'compose_id': 'c', 'release': 'r', 'acceptance_testing': 'passed', 'deleted': false}");
        assertThat(PdcResource.COMPOSES.forUpdate(compose).toString()).isEqualTo("{\"acceptance_testing\":\"passed\"}");

        ObjectNode gc = obj("{'id': 3, 'name': 'bash', 'dist_git_web_url': 'x', 'labels': []}");
        assertThat(PdcResource.of("global-components").forCreate(gc).toString()).isEqualTo("{\"name\":\"bash\"}");
        assertThat(PdcResource.of("something-new").forCreate(obj("{'id': 1, 'a': 2}")).toString()).isEqualTo("{\"a\":2}");
    }

    @Test
    void changedFieldsComparesInputShapesWithOutputShapes() {
        JsonNode current = obj("{'id': 11, 'release': {'release_id': 'fedora-27', 'active': true}, 'name': 'bash', "
                + "'active': true, 'dist_git_branch': 'f27', "
                + "'bugzilla_component': {'id': 2, 'name': 'child', 'parent_component': 'parent', 'subcomponents': []}}");

        assertThat(PdcResource.RELEASE_COMPONENTS.changedFields(obj("{'release': 'fedora-27', 'name': 'bash', "
                + "'active': true, 'bugzilla_component': 'parent/child', 'id': 99}"), current)).isEmpty();
        assertThat(PdcResource.RELEASE_COMPONENTS.changedFields(obj("{'bugzilla_component': 'child'}"), current)
                .toString()).isEqualTo("{\"bugzilla_component\":\"child\"}");
        assertThat(PdcResource.RELEASE_COMPONENTS.changedFields(obj("{'bugzilla_component': null}"), current).size())
                .isEqualTo(1);
    }

    @Test
    void numbersByValueListsAsSetsReferencesAsSubsets() {
        JsonNode rpm = obj("{'epoch': 0, 'linked_releases': ['a', 'b'], 'dependencies': {'provides': [], "
                + "'requires': ['x'], 'obsoletes': [], 'conflicts': [], 'recommends': [], 'suggests': []}}");
        assertThat(PdcResource.RPMS.changedFields(obj("{'epoch': 0.0, 'linked_releases': ['b', 'a'], "
                + "'dependencies': {'requires': ['x']}}"), rpm)).isEmpty();
        assertThat(PdcResource.RPMS.changedFields(obj("{'dependencies': {'requires': ['x'], 'provides': ['y']}}"),
                rpm)).hasSize(1);
        assertThat(PdcResource.RPMS.changedFields(obj("{'linked_releases': ['a']}"), rpm)).hasSize(1);

        JsonNode rel = obj("{'id': 1, 'type': 'executes', 'from_component': {'id': 5, 'name': 'a', 'release': 'r'}, "
                + "'to_component': {'id': 6, 'name': 'b', 'release': 'r'}}");
        assertThat(PdcResource.RELEASE_COMPONENT_RELATIONSHIPS.changedFields(obj("{'type': 'executes', "
                + "'from_component': {'id': 5}, 'to_component': {'id': 6}}"), rel)).isEmpty();

        JsonNode module = obj("{'uid': 'm:s:1:c', 'rpms': ['bash-0:4.4-1.fc27.x86_64.rpm']}");
        assertThat(PdcResource.MODULES.changedFields(obj("{'rpms': [{'name': 'bash', 'epoch': 0, 'version': '4.4', "
                + "'release': '1.fc27', 'arch': 'x86_64', 'srpm_name': 'bash'}], 'runtime_deps': []}"), module)).isEmpty();
    }

    @Test
    void duplicateDetectionNeedsEveryMessageToBeADuplicate() {
        assertThat(DuplicateErrors.isDuplicate(obj("{'detail': ['The fields a, b must make a unique set.']}"))).isTrue();
        assertThat(DuplicateErrors.isDuplicate(obj("{'detail': 'Not found.'}"))).isFalse();
        assertThat(DuplicateErrors.isDuplicate(obj("{'detail': []}"))).isFalse();
        assertThat(DuplicateErrors.isDuplicate(obj("{'detail': {'n': 3}}"))).isFalse();
        assertThat(DuplicateErrors.isDuplicate(obj("{'detail': ['Release with this Release id already exists.'], "
                + "'id_of_invalid_data': 2, 'invalid_data': {'name': 'free text 42'}}"))).isTrue();
    }
}
