package org.fedoraproject.pdcupdater.sandbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;
import org.fedoraproject.pdcupdater.sandbox.http.QueryParams;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * PDC's {@code fields} / {@code exclude_fields}: comma-separated or repeated; unknown names are a 400
 * (the snapshot's behaviour, pdc-api.md errata 6); exclude applies after fields.
 */
final class FieldSelector {
    private final Set<String> fields;
    private final Set<String> exclude;

    private FieldSelector(Set<String> fields, Set<String> exclude) {
        this.fields = fields;
        this.exclude = exclude;
    }

    static FieldSelector from(QueryParams q, List<String> valid) {
        Set<String> f = names(q.all("fields"));
        Set<String> x = names(q.all("exclude_fields"));
        check(f, valid, "fields");
        check(x, valid, "exclude_fields");
        return new FieldSelector(f, x);
    }

    private static Set<String> names(Collection<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        for (String r : raw) {
            for (String s : r.split(",")) {
                if (!s.isEmpty()) out.add(s);
            }
        }
        return out;
    }

    private static void check(Set<String> names, List<String> valid, String param) {
        List<String> bad = names.stream().filter(n -> !valid.contains(n)).toList();
        if (!bad.isEmpty()) {
            throw ErrorBodies.badRequest("Unknown fields in \"" + param + "\" filter: " + String.join(", ", bad));
        }
    }

    boolean isIdentity() {
        return fields.isEmpty() && exclude.isEmpty();
    }

    /** Whether {@code field} stays in the answer. */
    boolean wants(String field) {
        return (fields.isEmpty() || fields.contains(field)) && !exclude.contains(field);
    }

    ObjectNode apply(ObjectNode o) {
        if (isIdentity()) return o;
        if (!fields.isEmpty()) o.retain(fields);
        o.remove(exclude);
        return o;
    }
}
