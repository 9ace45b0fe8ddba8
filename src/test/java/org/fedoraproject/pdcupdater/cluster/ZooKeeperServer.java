package org.fedoraproject.pdcupdater.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/** A real ZooKeeper server (curator-test) on a free port, with a short tick so short sessions are allowed. */
public final class ZooKeeperServer implements AutoCloseable {

    /** ZooKeeper grants sessions between 2 and 20 ticks. */
    private static final int TICK_MS = 250;

    private final TestingServer server;

    public ZooKeeperServer() {
        try {
            server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, TICK_MS, -1), true);
        } catch (Exception e) {
            throw new IllegalStateException("ZooKeeper did not start", e);
        }
    }

    public String connectString() {
        return server.getConnectString();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
