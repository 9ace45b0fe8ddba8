package org.fedoraproject.pdcupdater.handler.composes;

import java.io.Closeable;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A request body of unknown length (sent chunked) made of the pieces a {@link Pieces} gives, each passed to the HTTP
 * client as it is, pulled on the client's demand.
 *
 * <p>Why not {@code BodyPublishers.ofInputStream}: it copies the stream into 16 KiB buffers, and each buffer goes
 * through the client's HTTP/1.1 chunking and its own socket write. The import body comes in checked pieces of up to
 * 256 KiB; passing them whole means a tenth of the items, writes and copies.
 */
final class PiecesPublisher implements HttpRequest.BodyPublisher {

    /** What the body is read from; closed when the body ends, fails or is cancelled. */
    interface Pieces extends Closeable {
        /** The next piece, a buffer the client may keep until it is written; null after the last. */
        ByteBuffer next() throws IOException;
    }

    private final Supplier<? extends Pieces> open;

    /** @param open gives fresh pieces for each subscription (each attempt of the request) */
    PiecesPublisher(Supplier<? extends Pieces> open) {
        this.open = open;
    }

    @Override
    public long contentLength() {
        return -1;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        Pieces pieces;
        try {
            pieces = open.get();
        } catch (RuntimeException e) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(e);
            return;
        }
        subscriber.onSubscribe(new Pull(subscriber, pieces));
    }

    /**
     * Delivers as many pieces as were requested, in whichever thread asks; a request made from within
     * {@code onNext} (the client does that) only adds to the demand the running loop serves.
     */
    private static final class Pull implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final Pieces pieces;
        private final AtomicLong demand = new AtomicLong();
        /** Calls into {@link #drain} not yet served: only the one that made it non-zero runs the loop. */
        private final AtomicInteger pending = new AtomicInteger();
        private volatile boolean cancelled;
        private boolean done; // only inside the loop

        Pull(Flow.Subscriber<? super ByteBuffer> subscriber, Pieces pieces) {
            this.subscriber = subscriber;
            this.pieces = pieces;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancelled = true;
                drain();
                subscriber.onError(new IllegalArgumentException("non-positive request: " + n));
                return;
            }
            demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
            drain();
        }

        private void drain() {
            if (pending.getAndIncrement() != 0) {
                return;
            }
            do {
                while (!done) {
                    if (cancelled) {
                        finish();
                        break;
                    }
                    if (demand.get() == 0) {
                        break;
                    }
                    ByteBuffer piece;
                    try {
                        piece = pieces.next();
                    } catch (IOException | RuntimeException e) {
                        finish();
                        subscriber.onError(e);
                        break;
                    }
                    if (piece == null) {
                        finish();
                        subscriber.onComplete();
                        break;
                    }
                    demand.decrementAndGet();
                    subscriber.onNext(piece);
                }
            } while (pending.decrementAndGet() != 0);
        }

        private void finish() {
            done = true;
            try {
                pieces.close();
            } catch (IOException | RuntimeException ignored) {
                // closing a download that ended or is abandoned
            }
        }
    }
}
