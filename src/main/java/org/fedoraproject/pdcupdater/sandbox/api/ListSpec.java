package org.fedoraproject.pdcupdater.sandbox.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a resource is listed: the FROM clause (joins must be one-to-one so rows never repeat; to-many filters
 * use EXISTS), its filters, orderable keys and default order. The list query only selects primary keys;
 * the resource renders them in one batch.
 */
public final class ListSpec {
    private final String from;
    private final String pk;
    private final Map<String, Filter> filters = new LinkedHashMap<>();
    private final Map<String, String> orderings = new LinkedHashMap<>();
    private final List<String> defaultOrder = new ArrayList<>();

    public ListSpec(String from, String pk) {
        this.from = from;
        this.pk = pk;
    }

    public ListSpec filter(String param, Filter f) {
        filters.put(param, f);
        return this;
    }

    public ListSpec multi(String param, String expr) {
        return filter(param, Filter.multi(expr));
    }

    public ListSpec bool(String param, String expr) {
        return filter(param, Filter.bool(expr));
    }

    public ListSpec nullable(String param, String expr) {
        return filter(param, Filter.nullable(expr));
    }

    /** A key accepted by {@code ordering}; {@code expr} is the SQL it sorts on. */
    public ListSpec order(String key, String expr) {
        orderings.put(key, expr);
        return this;
    }

    public ListSpec defaultOrder(String... sqlItems) {
        defaultOrder.clear();
        defaultOrder.addAll(List.of(sqlItems));
        return this;
    }

    public String from() {
        return from;
    }

    public String pk() {
        return pk;
    }

    public Map<String, Filter> filters() {
        return filters;
    }

    public Map<String, String> orderings() {
        return orderings;
    }

    public List<String> defaultOrder() {
        return defaultOrder.isEmpty() ? List.of(pk) : defaultOrder;
    }
}
