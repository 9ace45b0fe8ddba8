package org.fedoraproject.pdcupdater.sandbox.api;

import org.fedoraproject.pdcupdater.sandbox.http.ApiException;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;
import org.fedoraproject.pdcupdater.sandbox.http.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One query-string filter of a list endpoint. The factories reproduce the django-filter flavours PDC uses
 * (pdc-api.md 1.6): multi-value OR, case-insensitive booleans, "nullable" values, integer lists.
 */
@FunctionalInterface
public interface Filter {
    void apply(List<String> values, SqlWhere where);

    /** Exact match, repeated parameter ORs the values. */
    static Filter multi(String expr) {
        return (values, w) -> w.in(expr, values);
    }

    /** Single value, last one wins. */
    static Filter exact(String expr) {
        return (values, w) -> w.add(expr + " = ?", values.get(values.size() - 1));
    }

    /** Case-insensitive exact match (PDC's iexact filters), multi-valued. */
    static Filter multiCi(String expr) {
        return (values, w) -> {
            List<String> lower = values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
            w.in("LOWER(" + expr + ")", lower);
        };
    }

    /** Case-insensitive exact match, single value. */
    static Filter exactCi(String expr) {
        return (values, w) -> w.add("LOWER(" + expr + ") = ?", values.get(values.size() - 1).toLowerCase(Locale.ROOT));
    }

    /** Case-insensitive substring. */
    static Filter contains(String expr) {
        return (values, w) -> w.add("LOWER(" + expr + ") LIKE ? ESCAPE '\\'",
                "%" + likeEscape(values.get(values.size() - 1).toLowerCase(Locale.ROOT)) + "%");
    }

    /** Multi-valued exact match where the literals null/Null/NULL/None mean IS NULL. */
    static Filter nullable(String expr) {
        return (values, w) -> {
            List<String> real = new ArrayList<>();
            boolean wantNull = false;
            for (String v : values) {
                if (isNullLiteral(v)) wantNull = true;
                else real.add(v);
            }
            List<String> parts = new ArrayList<>();
            List<Object> args = new ArrayList<>(real);
            if (!real.isEmpty()) parts.add(expr + " IN (" + String.join(", ", java.util.Collections.nCopies(real.size(), "?")) + ")");
            if (wantNull) parts.add(expr + " IS NULL");
            w.add("(" + String.join(" OR ", parts) + ")", args.toArray());
        };
    }

    /** Integer list; a non-integer is a 400 like django-filter's NumberFilter form error. */
    static Filter ints(String param, String expr) {
        return (values, w) -> {
            List<Long> nums = new ArrayList<>();
            for (String v : values) {
                try {
                    nums.add(Long.parseLong(v.trim()));
                } catch (NumberFormatException e) {
                    throw ErrorBodies.fieldError(param, "Enter a number.");
                }
            }
            w.in(expr, nums);
        };
    }

    /** PDC's CaseInsensitiveBooleanFilter: true/t/1, false/f/0, anything else 400. */
    static Filter bool(String expr) {
        return (values, w) -> w.add(expr + " = ?", parseBool(values.get(values.size() - 1)));
    }

    /** Booleans on component-branch filters answer a bare list (pdc-api.md errata 5). */
    static Filter boolBareList(String expr) {
        return (values, w) -> {
            String v = values.get(values.size() - 1);
            Boolean b = parseBoolOrNull(v);
            if (b == null) throw new ApiException(400, Json.arr(List.of("Value [" + v + "] is not a boolean")));
            w.add(expr + " = ?", b);
        };
    }

    /** Unanchored regular expression (rpms name). */
    static Filter regex(String expr) {
        return (values, w) -> {
            String v = values.get(values.size() - 1);
            try {
                Pattern.compile(v);
            } catch (PatternSyntaxException e) {
                throw ErrorBodies.badRequest("Invalid regular expression: " + v);
            }
            w.add("REGEXP_LIKE(" + expr + ", ?)", v);
        };
    }

    static boolean parseBool(String v) {
        Boolean b = parseBoolOrNull(v);
        if (b == null) throw ErrorBodies.badRequest(v + " is not a valid boolean value");
        return b;
    }

    static Boolean parseBoolOrNull(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("t") || s.equals("1")) return true;
        if (s.equals("false") || s.equals("f") || s.equals("0")) return false;
        return null;
    }

    static boolean isNullLiteral(String v) {
        return v.equals("null") || v.equals("Null") || v.equals("NULL") || v.equals("None");
    }

    static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
