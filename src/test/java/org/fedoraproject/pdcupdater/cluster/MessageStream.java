package org.fedoraproject.pdcupdater.cluster;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A steady stream of fas.user.create messages from one publisher, until stopped. */
final class MessageStream implements AutoCloseable {

    private final FailoverRig rig;
    private final long intervalMs;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger sent = new AtomicInteger();
    private final Thread thread;

    MessageStream(FailoverRig rig, long intervalMs) {
        this.rig = rig;
        this.intervalMs = intervalMs;
        this.thread = new Thread(this::run, "failover-stream");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running.get()) {
            rig.publish(sent.incrementAndGet());
            try {
                Thread.sleep(intervalMs);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    int sent() {
        return sent.get();
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
