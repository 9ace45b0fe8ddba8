package org.fedoraproject.pdcupdater.pdc.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Maps the typed records to and from PDC's JSON: snake_case names ({@code releaseId} ↔ {@code release_id}), unknown
 * keys ignored (PDC adds fields over time), null components left out of request bodies (an omitted optional field
 * takes PDC's default; to clear a value, PATCH an explicit null through {@link org.fedoraproject.pdcupdater.pdc.PdcClient}).
 */
final class PdcJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PdcJson() {
    }

    static <T> T read(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("PDC answer does not fit " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    static <T> List<T> readAll(List<JsonNode> nodes, Class<T> type) {
        return nodes.stream().map(n -> read(n, type)).toList();
    }

    static ObjectNode body(Object value) {
        return MAPPER.valueToTree(value);
    }
}
