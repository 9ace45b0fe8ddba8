package org.fedoraproject.pdcupdater.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;
import org.fedoraproject.pdcupdater.sandbox.http.Json;
import org.fedoraproject.pdcupdater.sandbox.http.QueryParams;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a list request: filters, ordering, DRF page-number pagination (pdc-api.md 1.5) and field selection.
 * Only primary keys go through LIMIT/OFFSET on indexed columns; rows are rendered a page at a time, so a
 * 100k-row table pages as fast as a small one and {@code page_size=-1} streams in chunks.
 */
final class Lister {
    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;
    private static final int RENDER_CHUNK = 500;
    /** How far back a page looks for a served page to seek from (clients fetching pages ahead ask out of order). */
    private static final int SEEK_BACK = 16;

    private Lister() {
    }

    static JsonNode list(Tx tx, Resource r, ApiRequest req, PageAnchors anchors, long writeVersion) {
        QueryParams q = req.query();
        ListSpec spec = r.listSpec();
        FieldSelector fields = FieldSelector.from(q, r.outputFields());
        SqlWhere where = new SqlWhere();
        for (Map.Entry<String, Filter> f : spec.filters().entrySet()) {
            List<String> values = q.all(f.getKey());
            if (!values.isEmpty()) f.getValue().apply(values, where);
        }
        r.scope(req, where);
        String order = orderBy(spec, q);
        Object[] args = where.args().toArray();

        Integer pageSize = pageSize(q);
        if (pageSize == null) {
            List<Long> pks = tx.list("SELECT " + spec.pk() + " FROM " + spec.from() + where.sql() + order,
                    rs -> rs.getLong(1), args);
            ArrayNode out = Json.arr();
            for (int i = 0; i < pks.size(); i += RENDER_CHUNK) {
                render(tx, r, req, fields, pks.subList(i, Math.min(pks.size(), i + RENDER_CHUNK)), out);
            }
            return out;
        }
        String filterKey = req.routePath() + "|" + where.sql() + "|" + where.args();
        Long known = anchors.countOf(filterKey, writeVersion);
        long count;
        if (known != null) {
            count = known;
        } else {
            count = tx.longValue("SELECT COUNT(*) FROM " + spec.from() + where.sql(), args);
            anchors.rememberCount(filterKey, writeVersion, count);
        }
        long pages = Math.max(1, (count + pageSize - 1) / pageSize);
        long page = pageNumber(q.last("page"), pages);
        // Keyset shortcut for pk-ordered lists when a page shortly before was just served (see PageAnchors).
        boolean pkOrder = order.equals(" ORDER BY " + spec.pk());
        String queryKey = filterKey + "|" + pageSize;
        PageAnchors.Seek seek = pkOrder && page > 1 ? anchors.nearestBefore(queryKey, page, writeVersion, SEEK_BACK) : null;
        List<Object> pageArgs = new ArrayList<>(where.args());
        String sql;
        if (seek != null) {
            pageArgs.add(seek.lastPk());
            pageArgs.add(pageSize);
            pageArgs.add((page - 1 - seek.page()) * pageSize);
            sql = "SELECT " + spec.pk() + " FROM " + spec.from() + (where.sql().isEmpty() ? " WHERE " : where.sql() + " AND ")
                    + spec.pk() + " > ?" + order + " LIMIT ? OFFSET ?";
        } else {
            pageArgs.add(pageSize);
            pageArgs.add((page - 1) * pageSize);
            sql = "SELECT " + spec.pk() + " FROM " + spec.from() + where.sql() + order + " LIMIT ? OFFSET ?";
        }
        List<Long> pks = tx.list(sql, rs -> rs.getLong(1), pageArgs.toArray());
        if (pkOrder && !pks.isEmpty()) anchors.remember(queryKey, page, writeVersion, pks.get(pks.size() - 1));
        ArrayNode results = Json.arr();
        render(tx, r, req, fields, pks, results);

        ObjectNode env = Json.obj();
        env.put("count", count);
        String self = req.baseUrl() + "/rest_api/v1/" + req.routePath();
        if (page < pages) env.put("next", self + "?" + q.with("page", String.valueOf(page + 1)));
        else env.putNull("next");
        if (page > 1) {
            String qs = page - 1 == 1 ? q.with("page", null) : q.with("page", String.valueOf(page - 1));
            env.put("previous", qs.isEmpty() ? self : self + "?" + qs);
        } else {
            env.putNull("previous");
        }
        env.set("results", results);
        return env;
    }

    private static void render(Tx tx, Resource r, ApiRequest req, FieldSelector fields, List<Long> pks, ArrayNode out) {
        if (pks.isEmpty()) return;
        for (ObjectNode o : r.renderForList(tx, pks, req, fields::wants)) out.add(fields.apply(o));
    }

    /** @return page size, or null when pagination is switched off ({@code page_size <= 0}) */
    static Integer pageSize(QueryParams q) {
        String raw = q.last("page_size");
        if (raw == null) return DEFAULT_PAGE_SIZE;
        int n;
        try {
            n = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            return DEFAULT_PAGE_SIZE; // DRF ignores a non-numeric page_size
        }
        if (n <= 0) return null;
        return Math.min(n, MAX_PAGE_SIZE);
    }

    private static long pageNumber(String raw, long pages) {
        if (raw == null) return 1;
        if (raw.equals("last")) return pages;
        long p;
        try {
            p = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw ErrorBodies.invalidPage();
        }
        if (p < 1 || p > pages) throw ErrorBodies.invalidPage();
        return p;
    }

    /**
     * {@code ordering=a,-b} replaces the default order; the primary key is appended so pages are stable.
     * Unknown keys are a 400 with PDC's StrictQueryParamMixin text.
     */
    static String orderBy(ListSpec spec, QueryParams q) {
        List<String> items = new ArrayList<>();
        String raw = q.last("ordering");
        if (raw != null && !raw.isBlank()) {
            List<String> bad = new ArrayList<>();
            for (String part : raw.split(",")) {
                String p = part.trim();
                if (p.isEmpty()) continue;
                boolean desc = p.startsWith("-");
                String key = desc ? p.substring(1) : p;
                String expr = spec.orderings().get(key);
                if (expr == null) {
                    bad.add(key);
                } else {
                    items.add(expr + (desc ? " DESC" : " ASC"));
                }
            }
            if (!bad.isEmpty()) {
                throw ErrorBodies.badRequest("Unknown query key: " + ErrorBodies.pyList(bad) + " not in fields: "
                        + ErrorBodies.pyList(spec.orderings().keySet()));
            }
        }
        if (items.isEmpty()) items.addAll(spec.defaultOrder());
        // The pk makes pages stable; appending it twice would stop H2 from reading the primary-key index in order.
        if (!items.contains(spec.pk()) && !items.contains(spec.pk() + " ASC")) items.add(spec.pk());
        return " ORDER BY " + String.join(", ", items);
    }
}
