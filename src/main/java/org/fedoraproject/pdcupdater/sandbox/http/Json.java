package org.fedoraproject.pdcupdater.sandbox.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;

/** One shared ObjectMapper and small node helpers; the sandbox speaks JSON trees, not POJOs. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {
    }

    public static ObjectNode obj() {
        return F.objectNode();
    }

    public static ArrayNode arr() {
        return F.arrayNode();
    }

    public static ArrayNode arr(Collection<String> values) {
        ArrayNode a = F.arrayNode();
        values.forEach(a::add);
        return a;
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is corrupt: " + text, e);
        }
    }

    /** Python's type name for a JSON value, used in DRF-style messages ("got type \"str\""). */
    public static String pyType(JsonNode n) {
        if (n == null || n.isNull()) return "NoneType";
        if (n.isTextual()) return "str";
        if (n.isBoolean()) return "bool";
        if (n.isIntegralNumber()) return "int";
        if (n.isNumber()) return "float";
        if (n.isArray()) return "list";
        return "dict";
    }
}
