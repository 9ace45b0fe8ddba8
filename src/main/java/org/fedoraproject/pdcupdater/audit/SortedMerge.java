package org.fedoraproject.pdcupdater.audit;

import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Compares two key-sorted streams in one pass, holding one entry of each in memory: how an audit
 * of a million rpms stays in bounded memory. Both sides must be sorted by the same key order
 * (String natural order) and have unique keys.
 */
public final class SortedMerge {

    private SortedMerge() {
    }

    /**
     * @param source what the source system has, sorted by key
     * @param pdc    what PDC has, sorted by key
     * @param sink   receives every difference, in key order
     * @return how many keys were compared (the union of both sides)
     */
    public static long diff(Iterator<Map.Entry<String, String>> source, Iterator<Map.Entry<String, String>> pdc,
                            Consumer<Difference> sink) {
        long compared = 0;
        Map.Entry<String, String> s = next(source);
        Map.Entry<String, String> p = next(pdc);
        String previousS = null;
        String previousP = null;
        while (s != null || p != null) {
            compared++;
            int order = s == null ? 1 : p == null ? -1 : s.getKey().compareTo(p.getKey());
            if (order < 0) {
                previousS = checkOrder(previousS, s.getKey(), "source");
                sink.accept(Difference.absentFromPdc(s.getKey(), s.getValue()));
                s = next(source);
            } else if (order > 0) {
                previousP = checkOrder(previousP, p.getKey(), "PDC");
                sink.accept(Difference.absentFromSource(p.getKey(), p.getValue()));
                p = next(pdc);
            } else {
                previousS = checkOrder(previousS, s.getKey(), "source");
                previousP = checkOrder(previousP, p.getKey(), "PDC");
                if (!Objects.equals(s.getValue(), p.getValue())) {
                    sink.accept(Difference.different(s.getKey(), s.getValue(), p.getValue()));
                }
                s = next(source);
                p = next(pdc);
            }
        }
        return compared;
    }

    private static String checkOrder(String previous, String key, String side) {
        if (previous != null && previous.compareTo(key) >= 0) {
            throw new IllegalArgumentException(side + " side is not sorted by key or repeats a key: '" + previous
                    + "' then '" + key + "'");
        }
        return key;
    }

    private static Map.Entry<String, String> next(Iterator<Map.Entry<String, String>> it) {
        return it.hasNext() ? it.next() : null;
    }
}
