package org.fedoraproject.pdcupdater.pdc.resource;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** What every typed facade shares: the client, its endpoint, and JSON ↔ record mapping. */
abstract class ResourceFacade<T> {

    protected final PdcClient pdc;
    protected final PdcResource resource;
    private final Class<T> type;

    ResourceFacade(PdcClient pdc, PdcResource resource, Class<T> type) {
        this.pdc = Objects.requireNonNull(pdc, "pdc");
        this.resource = resource;
        this.type = type;
    }

    /** All objects matching {@code filter} (one request, {@code page_size=-1}). */
    public List<T> list(Map<String, ?> filter) {
        return PdcJson.readAll(pdc.listAll(resource.path(), filter), type);
    }

    /** Lazily paged; see {@link PdcClient#stream}. */
    public Stream<T> stream(Map<String, ?> filter) {
        return pdc.stream(resource.path(), filter).map(this::read);
    }

    protected T read(JsonNode node) {
        return PdcJson.read(node, type);
    }

    protected Optional<T> read(Optional<JsonNode> node) {
        return node.map(this::read);
    }

    /**
     * {@code list} plus {@code item}, or null when it is already there: for the list fields a PATCH replaces whole
     * ({@code linked_releases}), so callers send nothing in that case.
     */
    static List<String> plus(List<String> list, String item) {
        List<String> out = list == null ? new ArrayList<>() : new ArrayList<>(list);
        if (out.contains(item)) {
            return null;
        }
        out.add(item);
        return out;
    }

    /** A filter map from name/value pairs, skipping null values, in order. */
    static Map<String, Object> filter(Object... nameValuePairs) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
            if (nameValuePairs[i + 1] != null) {
                f.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
            }
        }
        return f;
    }
}
