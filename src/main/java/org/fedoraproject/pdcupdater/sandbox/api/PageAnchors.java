package org.fedoraproject.pdcupdater.sandbox.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the last primary key of recently served pages so that following {@code next} links turns
 * "ORDER BY pk LIMIT n OFFSET k" (which H2 answers by stepping over k rows) into a keyset seek
 * "WHERE pk > last ORDER BY pk LIMIT n". Entries carry the database write version and are ignored after any
 * write, so results are exactly those of the OFFSET query.
 */
final class PageAnchors {
    private record Anchor(long writeVersion, long lastPk) {
    }

    private static final int MAX = 512;
    private final Map<String, Anchor> anchors = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Anchor> eldest) {
            return size() > MAX;
        }
    };

    synchronized Long lastPkOf(String queryKey, long page, long writeVersion) {
        Anchor a = anchors.get(queryKey + "#" + page);
        return a != null && a.writeVersion == writeVersion ? a.lastPk : null;
    }

    synchronized void remember(String queryKey, long page, long writeVersion, long lastPk) {
        anchors.put(queryKey + "#" + page, new Anchor(writeVersion, lastPk));
    }
}
