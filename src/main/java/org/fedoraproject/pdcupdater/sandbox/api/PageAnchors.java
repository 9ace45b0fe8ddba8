package org.fedoraproject.pdcupdater.sandbox.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the last primary key of recently served pages so that following {@code next} links turns
 * "ORDER BY pk LIMIT n OFFSET k" (which H2 answers by stepping over k rows) into a keyset seek
 * "WHERE pk > last ORDER BY pk LIMIT n". It also remembers each filter's row count: every page carries
 * {@code count}, and counting a filtered million-row table on each of its 10,000 pages made paging through it
 * quadratic. Entries carry the database write version and are ignored after any write, so results are exactly
 * those of the uncached queries.
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

    private final Map<String, Anchor> counts = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Anchor> eldest) {
            return size() > MAX;
        }
    };

    /** The row count of {@code filterKey} remembered at {@code writeVersion}, or null. */
    synchronized Long countOf(String filterKey, long writeVersion) {
        Anchor a = counts.get(filterKey);
        return a != null && a.writeVersion == writeVersion ? a.lastPk : null;
    }

    synchronized void rememberCount(String filterKey, long writeVersion, long count) {
        counts.put(filterKey, new Anchor(writeVersion, count));
    }

    /** The last primary key of a served page and that page's number. */
    record Seek(long page, long lastPk) {
    }

    /**
     * The nearest served page before {@code page}, at most {@code maxBack} pages back: a client that asks for
     * a few pages at once gets them out of order, and "pk > last of page k-2 ... OFFSET n" still costs O(page).
     */
    synchronized Seek nearestBefore(String queryKey, long page, long writeVersion, int maxBack) {
        for (long p = page - 1; p >= Math.max(1, page - maxBack); p--) {
            Anchor a = anchors.get(queryKey + "#" + p);
            if (a != null && a.writeVersion == writeVersion) {
                return new Seek(p, a.lastPk);
            }
        }
        return null;
    }

    synchronized void remember(String queryKey, long page, long writeVersion, long lastPk) {
        anchors.put(queryKey + "#" + page, new Anchor(writeVersion, lastPk));
    }
}
