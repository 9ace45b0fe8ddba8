package org.fedoraproject.pdcupdater.fedmsg.zeromq;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A {@link ZContext} owned by exactly one consumer or publisher, whose close really ends ZeroMQ's threads.
 *
 * <p>Why not one context for the whole component: stopping one route must release that route's sockets and
 * threads without touching another route's, and a context per owner makes that a plain {@code close()}.
 * The cost is one I/O thread and one reaper thread per owner, which is nothing next to the handful of
 * routes this service has.
 *
 * <p>Why the thread factory: JeroMQ's {@code ZContext.close()} only <em>signals</em> its I/O and reaper
 * threads to stop. Joining them here means a stopped route has no ZeroMQ thread left (tests count threads),
 * and naming them after the owner makes a thread dump say which bus connection a thread belongs to.
 */
final class ZeroMqContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZeroMqContext.class);
    private static final Duration THREAD_JOIN_TIMEOUT = Duration.ofSeconds(10);

    private final ZContext context;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final String owner;

    ZeroMqContext(String owner) {
        this.owner = owner;
        this.context = new ZContext(1);
        // Must be set before the first socket exists: that is when JeroMQ starts its threads.
        this.context.setThreadFactor((runnable, name) -> {
            Thread thread = new Thread(runnable, "ZeroMQ " + name + " - " + owner);
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) -> LOG.error("ZeroMQ thread {} died", t.getName(), e));
            threads.add(thread);
            return thread;
        });
        // JeroMQ prints recoverable selector problems to stderr by default; route them to the log instead.
        this.context.setNotificationExceptionHandler(
                (t, e) -> LOG.warn("ZeroMQ reported a recoverable error in {}: {}", t.getName(), e.toString()));
    }

    ZMQ.Socket createSocket(SocketType type) {
        return context.createSocket(type);
    }

    /** Closes one socket now (for a replacement); the others stay open. */
    void destroySocket(ZMQ.Socket socket) {
        context.destroySocket(socket);
    }

    ZMQ.Poller createPoller(int size) {
        return context.createPoller(size);
    }

    /**
     * Closes every socket of this context and waits for ZeroMQ's threads to end. Call it from the thread that
     * last used the sockets: ZeroMQ sockets must not be closed while another thread is inside a call on them.
     */
    @Override
    public void close() {
        try {
            context.close();
        } finally {
            joinThreads();
        }
    }

    private void joinThreads() {
        long deadline = System.nanoTime() + THREAD_JOIN_TIMEOUT.toNanos();
        for (Thread thread : threads) {
            long remainingMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            try {
                thread.join(remainingMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (thread.isAlive()) {
                LOG.warn("ZeroMQ thread {} of {} did not end within {}", thread.getName(), owner, THREAD_JOIN_TIMEOUT);
            }
        }
    }
}
