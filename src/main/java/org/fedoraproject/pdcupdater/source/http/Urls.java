package org.fedoraproject.pdcupdater.source.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Builds request URLs safely and renders them safely in messages. */
public final class Urls {

    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(pass|token|secret|key|auth|session).*");

    private Urls() {
    }

    /**
     * Percent-encodes one path segment. Everything but RFC 3986 "unreserved" is encoded, so a
     * package called {@code libsigc++20} or a branch with a slash cannot change the path.
     */
    public static String segment(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Encodes a relative file path segment by segment, keeping its slashes. */
    public static String path(String relativePath) {
        List<String> parts = new ArrayList<>();
        for (String part : relativePath.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("not a plain relative path: " + relativePath);
            }
            parts.add(segment(part));
        }
        return String.join("/", parts);
    }

    /** Query string builder: {@code new Query().add("page", 2).toString()} is {@code page=2}. */
    public static final class Query {
        private final StringBuilder text = new StringBuilder();

        public Query add(String key, Object value) {
            if (value == null) {
                return this;
            }
            if (text.length() > 0) {
                text.append('&');
            }
            text.append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
            return this;
        }

        public Query addAll(String key, Iterable<?> values) {
            for (Object value : values) {
                add(key, value);
            }
            return this;
        }

        public boolean isEmpty() {
            return text.length() == 0;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** {@code base} + relative path + optional query. */
    public static URI resolve(URI base, String relative, Query query) {
        String suffix = query == null || query.isEmpty() ? "" : "?" + query;
        return base.resolve(relative + suffix);
    }

    /**
     * The URL as it may appear in logs: no user info, secret-looking query values masked, and any
     * configured secret masked wherever it appears.
     */
    public static String redact(URI uri, Set<String> secrets) {
        StringBuilder out = new StringBuilder();
        if (uri.getScheme() != null) {
            out.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            out.append(uri.getHost());
            if (uri.getPort() >= 0) {
                out.append(':').append(uri.getPort());
            }
        }
        if (uri.getRawPath() != null) {
            out.append(uri.getRawPath());
        }
        String query = uri.getRawQuery();
        if (query != null) {
            out.append('?');
            String[] pairs = query.split("&");
            for (int i = 0; i < pairs.length; i++) {
                int eq = pairs[i].indexOf('=');
                String key = eq < 0 ? pairs[i] : pairs[i].substring(0, eq);
                out.append(i == 0 ? "" : "&").append(key);
                if (eq >= 0) {
                    out.append('=').append(SECRET_KEY.matcher(key).matches() ? "***" : pairs[i].substring(eq + 1));
                }
            }
        }
        return scrub(out.toString(), secrets);
    }

    /** Replaces every configured secret (and its URL-encoded form) in {@code text}. */
    public static String scrub(String text, Set<String> secrets) {
        String result = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                result = result.replace(secret, "***")
                        .replace(URLEncoder.encode(secret, StandardCharsets.UTF_8), "***");
            }
        }
        return result;
    }
}
