package org.fedoraproject.pdcupdater.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.http.ApiException;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;
import org.fedoraproject.pdcupdater.sandbox.http.Json;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Validates a write body the way PDC's StrictSerializerMixin + DRF fields do: first unknown keys, then
 * read-only keys (both {@code {"detail": "..."}}), then per-field errors collected into one
 * {@code {"field": ["msg"]}} object. Field readers return null when the key is absent or invalid, so a
 * resource reads every field first and calls {@link #done()} before touching the database.
 */
public final class BodyCheck {
    private final ObjectNode body;
    private final boolean partial;
    private final ObjectNode errors = Json.obj();

    private BodyCheck(ObjectNode body, boolean partial) {
        this.body = body;
        this.partial = partial;
    }

    /** Check keys and start field validation. */
    public static BodyCheck of(JsonNode body, boolean partial, Collection<String> writable, Collection<String> readOnly) {
        ObjectNode o = requireObject(body);
        List<String> unknown = new ArrayList<>();
        List<String> ro = new ArrayList<>();
        o.fieldNames().forEachRemaining(k -> {
            if (readOnly.contains(k)) ro.add(k);
            else if (!writable.contains(k)) unknown.add(k);
        });
        if (!unknown.isEmpty()) throw ErrorBodies.unknownFields(unknown);
        if (!ro.isEmpty()) throw ErrorBodies.readOnlyFields(ro);
        return new BodyCheck(o, partial);
    }

    public static ObjectNode requireObject(JsonNode body) {
        if (body == null || !body.isObject()) throw ErrorBodies.notADict(Json.pyType(body));
        return (ObjectNode) body;
    }

    public boolean partial() {
        return partial;
    }

    public boolean has(String f) {
        return body.has(f);
    }

    public JsonNode raw(String f) {
        return body.get(f);
    }

    public ObjectNode body() {
        return body;
    }

    public void error(String field, String message) {
        if (!errors.has(field)) errors.set(field, Json.arr());
        if (errors.get(field).isArray()) ((com.fasterxml.jackson.databind.node.ArrayNode) errors.get(field)).add(message);
    }

    public void errorNode(String field, JsonNode error) {
        errors.set(field, error);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public boolean failed(String field) {
        return errors.has(field);
    }

    /** Throw the collected field errors, if any. */
    public void done() {
        if (!errors.isEmpty()) throw new ApiException(400, errors);
    }

    /** Missing required field on create or PUT. */
    private boolean missing(String f, boolean required) {
        if (has(f)) return false;
        if (required && !partial) error(f, "This field is required.");
        return true;
    }

    /** DRF CharField: numbers are coerced to text, blank/null rejected unless allowed. */
    public String string(String f, boolean required, boolean allowNull, boolean allowBlank, int maxLen) {
        if (missing(f, required)) return null;
        JsonNode v = body.get(f);
        if (v.isNull()) {
            if (!allowNull) error(f, "This field may not be null.");
            return null;
        }
        if (!(v.isTextual() || (v.isNumber() && !v.isBoolean()))) {
            error(f, "Not a valid string.");
            return null;
        }
        String s = v.asText().trim();
        if (s.isEmpty() && !allowBlank) {
            if (allowNull) return null;
            error(f, "This field may not be blank.");
            return null;
        }
        if (maxLen > 0 && s.length() > maxLen) {
            error(f, "Ensure this field has no more than " + maxLen + " characters.");
            return null;
        }
        return s;
    }

    public String requiredString(String f, int maxLen) {
        return string(f, true, false, false, maxLen);
    }

    public Boolean bool(String f, boolean required) {
        if (missing(f, required)) return null;
        JsonNode v = body.get(f);
        if (v.isBoolean()) return v.booleanValue();
        if (v.isNull()) {
            error(f, "This field may not be null.");
            return null;
        }
        String s = v.asText();
        if (Set.of("true", "True", "1", "t", "T", "TRUE").contains(s)) return true;
        if (Set.of("false", "False", "0", "f", "F", "FALSE").contains(s)) return false;
        error(f, "\"" + s + "\" is not a valid boolean.");
        return null;
    }

    public Long integer(String f, boolean required, Long min) {
        if (missing(f, required)) return null;
        JsonNode v = body.get(f);
        if (v.isNull()) {
            error(f, "This field may not be null.");
            return null;
        }
        Long n = null;
        if (v.isIntegralNumber()) {
            n = v.longValue();
        } else if (v.isTextual()) {
            try {
                n = Long.parseLong(v.asText().trim());
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        if (n == null) {
            error(f, "A valid integer is required.");
            return null;
        }
        if (min != null && n < min) {
            error(f, "Ensure this value is greater than or equal to " + min + ".");
            return null;
        }
        return n;
    }

    public LocalDate date(String f, boolean required) {
        if (missing(f, required)) return null;
        JsonNode v = body.get(f);
        if (v.isNull()) {
            error(f, "This field may not be null.");
            return null;
        }
        try {
            return LocalDate.parse(v.asText().trim());
        } catch (DateTimeParseException e) {
            error(f, "Date has wrong format. Use one of these formats instead: YYYY[-MM[-DD]].");
            return null;
        }
    }

    /** DRF ListField of CharField; null on error or absence. */
    public List<String> stringList(String f, boolean allowNullList) {
        if (!has(f)) return null;
        JsonNode v = body.get(f);
        if (v.isNull()) {
            if (!allowNullList) error(f, "This field may not be null.");
            return null;
        }
        if (!v.isArray()) {
            error(f, "Expected a list of items but got type \"" + Json.pyType(v) + "\".");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (e.isNull() || e.isContainerNode() || e.isBoolean()) {
                error(f, "Not a valid string.");
                return null;
            }
            out.add(e.asText());
        }
        return out;
    }
}
