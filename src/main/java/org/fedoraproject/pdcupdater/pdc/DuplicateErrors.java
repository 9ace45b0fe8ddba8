package org.fedoraproject.pdcupdater.pdc;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognises PDC's "already exists" answers, which come in several shapes (contract 1.9 and the endpoint sections):
 * <ol>
 *   <li>unique-together from the serializer: {@code {"detail": ["The fields f1, f2 must make a unique set."]}}
 *       (older servers put it under {@code non_field_errors});</li>
 *   <li>single unique field from the serializer: {@code {"name": ["group type with this name already exists."]}}
 *       on DRF &ge; 3.3, {@code {"name": ["This field must be unique."]}} on older DRF;</li>
 *   <li>model validation at save: {@code {"detail": ["Global component with this Name already exists."]}};</li>
 * </ol>
 * plus per-endpoint texts: bugzilla-components' rename
 * ({@code {"detail": "Bugzilla component with this Name and Parent component already exists."}}, a string) and
 * component-branch-slas' {@code {"branch": ["The SLA \"x\" tied to the component \"y\" and branch \"z\" already
 * exists"]}} (no final period). A bulk error ({@code {"detail": <item error>, "id_of_invalid_data": i,
 * "invalid_data": {...}}}) is judged by its item error only.
 *
 * <p>A body is a duplicate only when <em>every</em> message in it is a duplicate message: a body that also
 * complains about another field is a genuine invalid request, and get-or-create must not treat it as "exists".
 * Messages are matched by pattern, not literal text, so field lists and model names of any endpoint fit.
 */
final class DuplicateErrors {

    private static final List<Pattern> DUPLICATE_MESSAGES = List.of(
            // shape 1 (any field list)
            Pattern.compile("The fields .+ must make a unique set\\.?"),
            // shape 2 on DRF >= 3.3, shape 3, and bugzilla-components' rename text
            Pattern.compile(".+ with this .+ already exists\\.?"),
            // shape 2 on DRF < 3.3: the form Fedora's Python pdc-updater matched
            Pattern.compile("This field must be unique\\.?"),
            // component-branch-slas
            Pattern.compile("The SLA \".*\" tied to the component \".*\" and branch \".*\" already exists\\.?"));

    private DuplicateErrors() {
    }

    static boolean isDuplicate(JsonNode body) {
        if (body == null || !body.isObject()) {
            return false;
        }
        JsonNode examined = body.has("id_of_invalid_data") ? body.path("detail") : body;
        List<String> messages = new ArrayList<>();
        if (!collectMessages(examined, messages, 0) || messages.isEmpty()) {
            return false;
        }
        return messages.stream().allMatch(DuplicateErrors::isDuplicateMessage);
    }

    static boolean isDuplicateMessage(String message) {
        String m = message.strip();
        return DUPLICATE_MESSAGES.stream().anyMatch(p -> p.matcher(m).matches());
    }

    /** Collects the text leaves; false when the body holds something that is not a message (a number, null). */
    private static boolean collectMessages(JsonNode node, List<String> out, int depth) {
        if (depth > 8) {
            return false; // no PDC error nests this deep; do not walk a hostile body
        }
        if (node.isTextual()) {
            out.add(node.asText());
            return true;
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (!collectMessages(child, out, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
