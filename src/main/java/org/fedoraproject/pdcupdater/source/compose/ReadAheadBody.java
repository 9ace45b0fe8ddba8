package org.fedoraproject.pdcupdater.source.compose;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read as an {@link InputStream} while the HTTP client keeps receiving up to {@code ahead} buffers
 * (16 KiB each with the JDK's defaults) beyond what was read.
 *
 * <p>Why not {@code BodyHandlers.ofInputStream()}: it asks the connection for the next buffer only when the reader
 * has taken the previous one (lock-step, one buffer at a time), so the download stands still while the reader works
 * on what it got (checking a manifest chunk), and every 16 KiB is a wake-up of the reading thread by the client's
 * selector thread. Profiling a 300 MB manifest import showed the reader parked on that hand-off 5,000 times. Reading
 * ahead lets both threads run at once; memory stays bounded by {@code ahead} buffers.
 */
final class ReadAheadBody extends InputStream implements HttpResponse.BodySubscriber<InputStream> {

    /** Put in the queue after the last buffer, or when the download failed or the stream was closed. */
    private static final List<ByteBuffer> END = List.of();

    private final int ahead;
    /** Room for {@code ahead} lists (never more are requested) and END. */
    private final BlockingQueue<List<ByteBuffer>> lists;
    private Flow.Subscription subscription; // guarded by this: set by the client, read by the reader and close
    private volatile boolean closed;
    private volatile Throwable failed;
    // reader side only
    private Iterator<ByteBuffer> list = Collections.emptyIterator();
    private ByteBuffer current = ByteBuffer.allocate(0);
    private boolean ended;
    /** Lists taken since demand was last renewed: renewed in batches, each request being a call into the client. */
    private int taken;

    ReadAheadBody(int ahead) {
        if (ahead < 2) {
            throw new IllegalArgumentException("ahead < 2");
        }
        this.ahead = ahead;
        this.lists = new ArrayBlockingQueue<>(ahead + 1);
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedStage(this); // readable at once; reads wait for the buffers
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean cancel;
        synchronized (this) {
            cancel = closed || subscription != null;
            if (!cancel) {
                subscription = s;
            }
        }
        if (cancel) {
            s.cancel();
        } else {
            s.request(ahead);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        if (!lists.offer(item)) { // more than was requested
            onError(new IllegalStateException("HTTP client delivered more buffers than requested"));
            cancel();
        }
    }

    @Override
    public void onError(Throwable t) {
        failed = Objects.requireNonNull(t);
        lists.offer(END); // always fits: never more than ahead lists are outstanding
    }

    @Override
    public void onComplete() {
        lists.offer(END);
    }

    @Override
    public int read() throws IOException {
        return buffer() ? current.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!buffer()) {
            return -1;
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    /** Makes {@code current} a buffer with bytes left, waiting for one; false at the end of the body. */
    private boolean buffer() throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        while (!current.hasRemaining()) {
            if (list.hasNext()) {
                current = list.next();
                continue;
            }
            if (ended) {
                return false;
            }
            List<ByteBuffer> next;
            try {
                next = lists.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the response body");
            }
            if (next == END) {
                ended = true;
                if (closed) {
                    throw new IOException("closed");
                }
                if (failed != null) {
                    throw new IOException(failed.getMessage(), failed);
                }
                return false;
            }
            list = next.iterator();
            if (++taken >= ahead / 2) {
                Flow.Subscription s;
                synchronized (this) {
                    s = subscription;
                }
                s.request(taken); // taken lists mean at least one onNext, so there is a subscription
                taken = 0;
            }
        }
        return true;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        cancel();
        lists.clear();
        lists.offer(END); // wakes a reader waiting in another thread
    }

    private void cancel() {
        Flow.Subscription s;
        synchronized (this) {
            s = subscription;
        }
        if (s != null) {
            s.cancel();
        }
    }
}
