package org.fedoraproject.pdcupdater.source.koji;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as an {@link InputStream} whose reads give up after {@code idle} without data.
 *
 * <p>Why not {@code BodyHandlers.ofInputStream()}: {@code HttpRequest.timeout} only covers the
 * wait for the response headers. A hub that stalls halfway through a large {@code listTagged}
 * would then block the reading thread forever; here the read fails with an
 * {@link HttpTimeoutException}, which the client treats as transient.
 */
final class IdleTimeoutBodySubscriber implements HttpResponse.BodySubscriber<InputStream> {

    private static final Object END = new Object();

    private final long idleMillis;
    /** Holds {@code List<ByteBuffer>} chunks, then {@link #END} or the Throwable that ended the body. */
    private final BlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
    private final CompletableFuture<InputStream> body;
    private volatile Flow.Subscription subscription;

    IdleTimeoutBodySubscriber(Duration idle) {
        this.idleMillis = idle.toMillis();
        this.body = CompletableFuture.completedFuture(new Body());
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        // One chunk in flight at a time: the body is pulled as the parser reads, never buffered whole.
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        chunks.add(item);
    }

    @Override
    public void onError(Throwable failure) {
        chunks.add(failure);
    }

    @Override
    public void onComplete() {
        chunks.add(END);
    }

    private final class Body extends InputStream {
        private Iterator<ByteBuffer> pending;
        private ByteBuffer current;
        private boolean ended;
        private boolean closed;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (closed) {
                throw new IOException("response body already closed");
            }
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, current.remaining());
            current.get(buffer, offset, n);
            return n;
        }

        /** Makes {@code current} non-empty; false at the end of the body. */
        private boolean fill() throws IOException {
            while (current == null || !current.hasRemaining()) {
                if (pending != null && pending.hasNext()) {
                    current = pending.next();
                    continue;
                }
                if (ended) {
                    return false;
                }
                Object next = take();
                if (next == END) {
                    ended = true;
                } else if (next instanceof Throwable failure) {
                    ended = true;
                    throw failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
                } else {
                    @SuppressWarnings("unchecked")
                    List<ByteBuffer> list = (List<ByteBuffer>) next;
                    pending = list.iterator();
                    subscription.request(1);
                }
            }
            return true;
        }

        private Object take() throws IOException {
            try {
                Object next = chunks.poll(idleMillis, TimeUnit.MILLISECONDS);
                if (next == null) {
                    cancel();
                    throw new HttpTimeoutException("no data from the Koji hub for " + idleMillis + " ms");
                }
                return next;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel();
                throw new InterruptedIOException("interrupted while reading from the Koji hub");
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            // The parser stops at the end tag and may leave a trailing newline unread. If the rest
            // of the body has already arrived, take it, so the connection stays reusable; cancel
            // only a body that is really still coming (cancelling closes the connection).
            Object next;
            while (!ended && (next = chunks.poll()) != null) {
                if (next == END || next instanceof Throwable) {
                    ended = true;
                } else {
                    subscription.request(1);
                }
            }
            if (!ended) {
                cancel();
            }
        }

        private void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
