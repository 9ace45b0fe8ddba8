package org.fedoraproject.pdcupdater.handler.composes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link PiecesPublisher} as the body of a real HTTP/1.1 request to a local server (free port). */
class PiecesPublisherTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** What the server read of each request body, or "broken" when reading it failed. */
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                received.add(body);
                exchange.sendResponseHeaders(204, -1);
            } catch (IOException e) {
                received.add("broken");
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    @Test
    void sendsEveryPieceInOrderAndClosesTheSource() throws Exception {
        Counted pieces = new Counted(200, -1);
        HttpResponse<Void> response = http.send(post(new PiecesPublisher(() -> pieces)),
                HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat((byte[]) received.poll(30, TimeUnit.SECONDS)).isEqualTo(pieces.expected());
        assertThat(pieces.closed.get()).isEqualTo(1);
    }

    @Test
    void aPieceThatFailsAbortsTheRequestBeforeItsEnd() throws Exception {
        Counted pieces = new Counted(200, 120);
        assertThatThrownBy(() -> http.send(post(new PiecesPublisher(() -> pieces)),
                HttpResponse.BodyHandlers.discarding())).isInstanceOf(IOException.class)
                .hasStackTraceContaining("piece 120 failed");

        assertThat(received.poll(30, TimeUnit.SECONDS)).isEqualTo("broken"); // no complete body arrived
        assertThat(pieces.closed.get()).isEqualTo(1);
    }

    @Test
    void aSourceThatCannotBeOpenedFailsTheRequest() {
        assertThatThrownBy(() -> http.send(post(new PiecesPublisher(() -> {
            throw new IllegalStateException("no manifest");
        })), HttpResponse.BodyHandlers.discarding())).hasStackTraceContaining("no manifest");
    }

    private HttpRequest post(HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                .POST(body).build();
    }

    /** Pieces of growing size (piece i has i + 1 bytes of value i), optionally failing at one. */
    private static final class Counted implements PiecesPublisher.Pieces {
        private final int count;
        private final int failAt;
        private final AtomicInteger closed = new AtomicInteger();
        private int next;

        Counted(int count, int failAt) {
            this.count = count;
            this.failAt = failAt;
        }

        @Override
        public ByteBuffer next() throws IOException {
            if (next == failAt) {
                throw new IOException("piece " + next + " failed");
            }
            if (next == count) {
                return null;
            }
            byte[] piece = new byte[next + 1];
            java.util.Arrays.fill(piece, (byte) next);
            next++;
            return ByteBuffer.wrap(piece);
        }

        byte[] expected() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 0; i < count; i++) {
                byte[] piece = new byte[i + 1];
                java.util.Arrays.fill(piece, (byte) i);
                all.writeBytes(piece);
            }
            return all.toByteArray();
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }
}
