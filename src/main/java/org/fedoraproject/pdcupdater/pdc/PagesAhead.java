package org.fedoraproject.pdcupdater.pdc;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The objects of a PDC list, page by page in order, with up to {@code ahead} further pages requested while the
 * current one is consumed. Paging through a million rows is 10,000 requests (PDC caps pages at 100); one at a time,
 * the reader waits for every one in turn, while PDC's workers could answer several at once.
 *
 * <p>Page numbers (contract 1.5: {@code page}, 1-based) are derived from the first page's {@code count} and size
 * and the query of its {@code next} link. If a later page reports another {@code count}, rows were created or
 * deleted meanwhile: the pages asked for ahead are dropped and paging goes on by {@code next} links from that
 * page, exactly as a one-at-a-time reader would. Memory: at most {@code ahead + 1} pages.
 */
final class PagesAhead implements Iterator<JsonNode>, AutoCloseable {

    private static final AtomicInteger STREAMS = new AtomicInteger();

    private final Function<PdcQuery, PdcPage> fetch;
    private final Function<String, PdcQuery> nextQuery;
    private final int ahead;
    private final Deque<CompletableFuture<PdcPage>> pending = new ArrayDeque<>();
    private ExecutorService workers;
    private Iterator<JsonNode> current = Collections.emptyIterator();
    private long expectedCount;
    private PdcQuery pageQuery;
    private long nextPageToAsk;
    private long lastPage;
    /** Set when paging goes by next links: the query of the next page to fetch, or null at the end. */
    private PdcQuery followQuery;
    private boolean following;

    /**
     * @param fetch     one page (retried as the client retries any read)
     * @param nextQuery the query of a {@code next} link
     */
    PagesAhead(PdcQuery first, int ahead, Function<PdcQuery, PdcPage> fetch, Function<String, PdcQuery> nextQuery) {
        if (ahead < 1) {
            throw new IllegalArgumentException("pages ahead must be at least 1: " + ahead);
        }
        this.fetch = fetch;
        this.nextQuery = nextQuery;
        this.ahead = ahead;
        PdcPage page = fetch.apply(first);
        current = page.results().iterator();
        if (page.next() == null || page.results().isEmpty()) {
            following = true;
            followQuery = null;
            return;
        }
        expectedCount = page.count();
        int perPage = page.results().size();
        lastPage = (expectedCount + perPage - 1) / perPage;
        pageQuery = nextQuery.apply(page.next());
        nextPageToAsk = 2;
        int n = STREAMS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        workers = Executors.newFixedThreadPool(ahead, r -> {
            Thread t = new Thread(r, "pdc-pages-" + n + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        askAhead();
    }

    private void askAhead() {
        while (pending.size() < ahead && nextPageToAsk <= lastPage) {
            PdcQuery q = pageQuery.with("page", nextPageToAsk++);
            pending.add(CompletableFuture.supplyAsync(() -> fetch.apply(q), workers));
        }
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext()) {
            PdcPage page;
            if (following) {
                if (followQuery == null) {
                    return false;
                }
                page = fetch.apply(followQuery);
            } else if (pending.isEmpty()) {
                close();
                return false;
            } else {
                page = await(pending.poll());
                askAhead();
                if (page.count() != expectedCount) {
                    // Rows came or went: the numbered pages no longer line up; go on as a one-at-a-time reader.
                    close();
                    following = true;
                }
            }
            current = page.results().iterator();
            if (following) {
                PdcQuery asked = followQuery;
                followQuery = page.next() == null ? null : nextQuery.apply(page.next());
                if (followQuery != null && followQuery.equals(asked)) {
                    throw new PdcProtocolException("PDC returned a next link to the same page",
                            new PdcException.Failure("GET", asked.redacted(), 200, null, null, false));
                }
            }
        }
        return true;
    }

    @Override
    public JsonNode next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    private static PdcPage await(CompletableFuture<PdcPage> page) {
        try {
            return page.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        } catch (CancellationException e) {
            throw new IllegalStateException("PDC page request cancelled", e);
        }
    }

    /** Drops the pages asked for ahead and stops the workers. */
    @Override
    public void close() {
        pending.forEach(f -> f.cancel(true));
        pending.clear();
        if (workers != null) {
            workers.shutdownNow();
            workers = null;
        }
    }
}
