package org.fedoraproject.pdcupdater.pdc;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Builds the paths below the API root. Every PDC path ends with {@code /} (contract 1.1: without it Django answers a
 * 301 that would replay a write as a GET), so the slash is added here, in one place, rather than by callers.
 */
final class PdcPaths {

    private PdcPaths() {
    }

    /** {@code "global-components"}, {@code "/contacts/people"} → {@code "global-components/"}, {@code "contacts/people/"}. */
    static String list(String resource) {
        Objects.requireNonNull(resource, "resource");
        String r = resource.strip();
        while (r.startsWith("/")) {
            r = r.substring(1);
        }
        if (r.isEmpty() || r.contains("?") || r.contains("#") || r.contains("..") || r.contains("//")
                || r.contains(" ") || r.contains("://")) {
            throw new IllegalArgumentException("not a PDC resource path: '" + resource + "'");
        }
        return r.endsWith("/") ? r : r + "/";
    }

    /**
     * The detail path: {@code releases/fedora-24/}, {@code modules/name:stream:1:ctx/}. Keys may hold any character
     * but {@code /} (contract 1.1); others are percent-encoded as needed in a path segment.
     */
    static String detail(String resource, Object key) {
        Objects.requireNonNull(key, "detail key");
        String k = String.valueOf(key);
        if (k.isEmpty() || k.contains("/")) {
            throw new IllegalArgumentException("not a PDC detail key (empty or contains '/'): '" + k + "'");
        }
        return list(resource) + encodeSegment(k) + "/";
    }

    /** RFC 3986 path segment encoding: unreserved, sub-delims, ':' and '@' stay as they are. */
    static String encodeSegment(String segment) {
        StringBuilder sb = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
