package org.fedoraproject.pdcupdater.sandbox.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** WHERE clauses and their bind values, built up by filters. Clauses are ANDed. */
public final class SqlWhere {
    private final List<String> clauses = new ArrayList<>();
    private final List<Object> args = new ArrayList<>();

    public SqlWhere add(String clause, Object... values) {
        clauses.add(clause);
        args.addAll(List.of(values));
        return this;
    }

    /** {@code expr IN (?, ?, ...)}: PDC's multi-value filters OR their values. */
    public SqlWhere in(String expr, Collection<?> values) {
        if (values.isEmpty()) return this;
        StringBuilder sb = new StringBuilder(expr).append(" IN (");
        for (int i = 0; i < values.size(); i++) sb.append(i == 0 ? "?" : ", ?");
        clauses.add(sb.append(')').toString());
        args.addAll(values);
        return this;
    }

    public String sql() {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    public List<Object> args() {
        return args;
    }
}
