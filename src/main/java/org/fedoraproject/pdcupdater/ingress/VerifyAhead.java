package org.fedoraproject.pdcupdater.ingress;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.IdempotentRepository;
import org.fedoraproject.pdcupdater.db.GroupCommitMessageIdRepository;

/**
 * Verifies messages on a pool of threads while keeping their order: {@link #start} (on the
 * receiving thread) hands the raw message to the pool and puts the pending verdict in the body;
 * {@link #finish} (on the one fedmsg-accept thread, in arrival order) waits for it and applies it.
 *
 * <p>Parsing and the RSA check are most of a message's CPU time, and independent of each other;
 * the order matters after them (a build tagged then untagged must reach PDC in that order, and
 * sequence numbers are watched in arrival order), so only verification runs in parallel.
 *
 * <p>The database half of the msg_id de-duplication runs there too, for live bus messages
 * ({@link GroupCommitMessageIdRepository#lookAhead} says why that is safe and why replayed ones
 * are left to the in-order thread).
 */
public class VerifyAhead implements AutoCloseable {

    private final FedmsgGate gate;
    private final ExecutorService pool;
    /** Null when the repository cannot look ahead: then fedmsg-accept looks every msg_id up itself. */
    private final GroupCommitMessageIdRepository processed;
    private final LongSupplier term;

    /**
     * @param threads verification threads; 0 verifies on the receiving thread
     * @param processed the idempotent repository of fedmsg-accept
     * @param term the leader epoch (cluster.Leadership#epoch)
     */
    public VerifyAhead(FedmsgGate gate, int threads, IdempotentRepository processed, LongSupplier term) {
        this.gate = gate;
        this.processed = processed instanceof GroupCommitMessageIdRepository groupCommit ? groupCommit : null;
        this.term = term;
        if (threads <= 0) {
            this.pool = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "pdc-updater-verify-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** Starts verifying; the body becomes the {@link Pending} verdict (it keeps the raw bytes). */
    public void start(Exchange exchange) {
        FedmsgGate.Input input = gate.received(exchange);
        Future<Ahead> verdict = pool == null ? CompletableFuture.completedFuture(judge(input))
                : pool.submit(() -> judge(input));
        exchange.getMessage().setBody(new Pending(input.raw(), verdict));
    }

    /**
     * Waits for the verdict and applies it: the body becomes the verified envelope, or the raw
     * message and its {@code RejectedMessageException} is thrown. A body that was never started
     * (sent straight to fedmsg-accept) is verified here.
     */
    public void finish(Exchange exchange) {
        Message in = exchange.getMessage();
        if (!(in.getBody() instanceof Pending pending)) {
            gate.verify(exchange);
            return;
        }
        Ahead verdict;
        try {
            verdict = pending.verdict().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            in.setBody(pending.raw());
            throw new IllegalStateException("interrupted while waiting for a message's verification", e);
        } catch (ExecutionException e) {
            in.setBody(pending.raw());
            throw new IllegalStateException("verification failed: " + e.getCause(), e.getCause());
        }
        if (verdict.lookup() != null) {
            exchange.setProperty(GroupCommitMessageIdRepository.LOOKUP_PROPERTY, verdict.lookup());
        }
        verdict.verdict().applyTo(in);
    }

    private Ahead judge(FedmsgGate.Input input) {
        FedmsgGate.Verdict verdict = gate.judge(input);
        String msgId = verdict.acceptedMsgId();
        // Live messages only: see GroupCommitMessageIdRepository.lookAhead.
        if (processed == null || !input.live() || msgId == null) {
            return new Ahead(verdict, null);
        }
        try {
            return new Ahead(verdict, processed.lookAhead(msgId, term));
        } catch (IllegalStateException e) {
            // The database is away: fedmsg-accept looks it up itself, and fails the message there as before.
            return new Ahead(verdict, null);
        }
    }

    /** What the verify threads found: the verdict, and the msg_id's database look-up if one was made. */
    record Ahead(FedmsgGate.Verdict verdict, GroupCommitMessageIdRepository.Lookup lookup) {
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** A message whose verification is under way. */
    public record Pending(byte[] raw, Future<Ahead> verdict) {
    }
}
