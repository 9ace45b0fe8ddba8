package org.fedoraproject.pdcupdater.source.http;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Turns a paged API into a lazy {@link Stream}: a page is fetched only when the previous one has
 * been consumed, so at most one page is held in memory however long the list is.
 */
public final class Paging {

    private Paging() {
    }

    /** One page: its items, and whether the server said it is the last one. */
    public record Page<T>(List<T> items, boolean last) {
        public Page {
            items = List.copyOf(items);
        }
    }

    @FunctionalInterface
    public interface PageFetcher<T> {
        /** Fetches page {@code number}, counted from 1. */
        Page<T> fetch(int number);
    }

    public static <T> Stream<T> stream(PageFetcher<T> fetcher) {
        Iterator<T> iterator = new Iterator<>() {
            private int next = 1;
            private Iterator<T> current = List.<T>of().iterator();
            private boolean done;

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && !done) {
                    Page<T> page = fetcher.fetch(next++);
                    current = page.items().iterator();
                    // An empty page that claims more will follow would loop forever; stop instead.
                    done = page.last() || page.items().isEmpty();
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
