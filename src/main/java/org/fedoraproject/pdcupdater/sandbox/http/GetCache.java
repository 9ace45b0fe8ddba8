package org.fedoraproject.pdcupdater.sandbox.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PDC's per-URL GET cache (pdc-api.md errata 1): 30 s, keyed by URL and Accept, whatever the Authorization
 * header says, never invalidated by writes. Off by default; clients turn it on to prove they do not rely on
 * read-after-write.
 */
final class GetCache {
    record Entry(long expiresAtNanos, int status, byte[] body, Map<String, String> headers) {
    }

    private static final long TTL_NANOS = 30_000_000_000L;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    Entry lookup(String key) {
        Entry e = entries.get(key);
        if (e == null) return null;
        if (System.nanoTime() - e.expiresAtNanos() > 0) {
            entries.remove(key, e);
            return null;
        }
        return e;
    }

    void store(String key, int status, byte[] body, Map<String, String> headers) {
        // Django's cache middleware only keeps 200 answers.
        if (status != 200) return;
        if (entries.size() > 10_000) entries.clear();
        entries.put(key, new Entry(System.nanoTime() + TTL_NANOS, status, body, Map.copyOf(headers)));
    }
}
