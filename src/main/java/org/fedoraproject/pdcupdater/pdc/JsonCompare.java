package org.fedoraproject.pdcupdater.pdc;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compares a desired (input-shaped) value with PDC's current (output-shaped) value, for upserts that PATCH only what
 * changed. A false "different" only costs a needless PATCH; a false "equal" would skip a needed one, so the rules
 * lean to "different" except where PDC's output shape is known to differ from the input shape.
 */
public final class JsonCompare {

    private JsonCompare() {
    }

    /**
     * Structural equality with: numbers compared by value ({@code 1} equals {@code 1.0}), arrays compared as
     * multisets (PDC lists are sets and it does not promise to keep their order), a missing value equal to null.
     */
    public static boolean same(JsonNode desired, JsonNode current) {
        if (isNullish(desired) || isNullish(current)) {
            return isNullish(desired) && isNullish(current);
        }
        if (desired.isNumber() && current.isNumber()) {
            return desired.decimalValue().compareTo(current.decimalValue()) == 0;
        }
        if (desired.isArray() && current.isArray()) {
            return sameMultiset(desired, current, JsonCompare::same);
        }
        if (desired.isObject() && current.isObject()) {
            if (desired.size() != current.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!current.has(e.getKey()) || !same(e.getValue(), current.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return desired.equals(current);
    }

    /**
     * A reference written in input form matches the output form when every key given in the input matches:
     * {@code {"id": 5}} matches {@code {"id": 5, "name": "x", "release": "r"}}. Arrays of references match element-wise
     * as multisets. For fields whose output adds keys to the input (component references, merged maps).
     */
    public static boolean subset(JsonNode desired, JsonNode current) {
        if (desired != null && current != null && desired.isObject() && current.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!subset(e.getValue(), current.path(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (desired != null && current != null && desired.isArray() && current.isArray()) {
            return sameMultiset(desired, current, JsonCompare::subset);
        }
        return same(desired, current);
    }

    private static boolean isNullish(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }

    private interface Matcher {
        boolean matches(JsonNode desired, JsonNode current);
    }

    private static boolean sameMultiset(JsonNode desired, JsonNode current, Matcher matcher) {
        if (desired.size() != current.size()) {
            return false;
        }
        List<JsonNode> remaining = new ArrayList<>();
        current.forEach(remaining::add);
        for (JsonNode d : desired) {
            boolean found = false;
            for (Iterator<JsonNode> it = remaining.iterator(); it.hasNext(); ) {
                if (matcher.matches(d, it.next())) {
                    it.remove();
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
