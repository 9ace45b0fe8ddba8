package org.fedoraproject.pdcupdater.pdc;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An ordered, immutable list of query parameters. PDC filters may be repeated ({@code ?name=a&name=b} ORs the
 * values, contract 1.6), so a parameter is a list of pairs rather than a map; a {@link Collection} value in
 * {@link #of(Map)} becomes repeated pairs. Never holds {@code format}: PDC's strict parameter check rejects it.
 */
public final class PdcQuery {

    private static final PdcQuery EMPTY = new PdcQuery(List.of());

    /** Parameter names whose values are not shown in logs or exception messages. */
    private static final Pattern SENSITIVE = Pattern.compile("(?i).*(token|secret|passw).*|api_?key|auth.*");

    private final List<Map.Entry<String, String>> pairs;

    private PdcQuery(List<Map.Entry<String, String>> pairs) {
        this.pairs = List.copyOf(pairs);
    }

    public static PdcQuery empty() {
        return EMPTY;
    }

    /**
     * From a map of filters: a {@link Collection} value is repeated, {@code null} values are skipped (for PDC's
     * "is null" filters pass the string {@code "null"}), booleans become {@code true}/{@code false}.
     */
    public static PdcQuery of(Map<String, ?> params) {
        if (params == null || params.isEmpty()) {
            return EMPTY;
        }
        List<Map.Entry<String, String>> out = new ArrayList<>();
        params.forEach((name, value) -> addValue(out, name, value));
        return new PdcQuery(out);
    }

    /** Parses a raw (encoded) query string, e.g. the query of a {@code next} link. */
    static PdcQuery parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return EMPTY;
        }
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            out.add(Map.entry(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8)));
        }
        return new PdcQuery(out);
    }

    private static void addValue(List<Map.Entry<String, String>> out, String name, Object value) {
        Objects.requireNonNull(name, "query parameter name");
        if (name.equals("format")) {
            // Contract 1.1/1.6: ?format=json is an unknown parameter to PDC (400); Accept does the job.
            throw new IllegalArgumentException("do not send 'format': PDC rejects it; the client sends Accept");
        }
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> values) {
            for (Object v : values) {
                addValue(out, name, v);
            }
            return;
        }
        out.add(Map.entry(name, String.valueOf(value)));
    }

    /** This query with {@code name} set to the single value {@code value} (earlier values of it removed). */
    public PdcQuery with(String name, Object value) {
        List<Map.Entry<String, String>> out = new ArrayList<>(without(name).pairs);
        addValue(out, name, value);
        return new PdcQuery(out);
    }

    /** This query without any value of {@code name}. */
    public PdcQuery without(String name) {
        List<Map.Entry<String, String>> out = new ArrayList<>(pairs);
        out.removeIf(e -> e.getKey().equals(name));
        return new PdcQuery(out);
    }

    /** This query with {@code name} set only if it is not present yet. */
    public PdcQuery withDefault(String name, Object value) {
        return has(name) ? this : with(name, value);
    }

    /** This query plus the parameters of {@code other} that this one lacks. */
    PdcQuery withDefaults(PdcQuery other, Set<String> names) {
        PdcQuery result = this;
        for (Map.Entry<String, String> e : other.pairs) {
            if (names.contains(e.getKey()) && !has(e.getKey())) {
                List<Map.Entry<String, String>> out = new ArrayList<>(result.pairs);
                out.add(e);
                result = new PdcQuery(out);
            }
        }
        return result;
    }

    public boolean has(String name) {
        return pairs.stream().anyMatch(e -> e.getKey().equals(name));
    }

    /** The last value of {@code name} (PDC's single-value filters take the last one), or null. */
    public String get(String name) {
        String found = null;
        for (Map.Entry<String, String> e : pairs) {
            if (e.getKey().equals(name)) {
                found = e.getValue();
            }
        }
        return found;
    }

    public boolean isEmpty() {
        return pairs.isEmpty();
    }

    /** The encoded query string without the leading {@code ?}; empty when there are no parameters. */
    public String encode() {
        return join(false);
    }

    /** For logs and exception messages: sensitive values shown as {@code redacted}. */
    public String redacted() {
        return join(true);
    }

    private String join(boolean redact) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : pairs) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            String value = redact && SENSITIVE.matcher(e.getKey()).matches() ? "redacted" : e.getValue();
            sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PdcQuery q && q.pairs.equals(pairs);
    }

    @Override
    public int hashCode() {
        return pairs.hashCode();
    }

    @Override
    public String toString() {
        return redacted();
    }
}
