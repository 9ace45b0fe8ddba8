package org.fedoraproject.pdcupdater.source.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ReadAheadBody} with the JDK's HTTP client and a real local server (free port). */
class ReadAheadBodyTest {

    private static final byte[] BODY = new byte[5 * 1024 * 1024 + 17];

    static {
        new Random(42).nextBytes(BODY);
    }

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newHttpClient();
    private final CountDownLatch abandoned = new CountDownLatch(1);
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/whole", exchange -> {
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.createContext("/chunked", exchange -> { // no length, sent in odd pieces
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < BODY.length; i += 7001) {
                    out.write(BODY, i, Math.min(7001, BODY.length - i));
                }
            }
        });
        server.createContext("/broken", exchange -> { // promises all, sends a third, then drops the connection
            exchange.sendResponseHeaders(200, BODY.length);
            exchange.getResponseBody().write(BODY, 0, BODY.length / 3);
            exchange.getResponseBody().flush();
            exchange.close(); // the connection closes short of the promised length
        });
        server.createContext("/endless", exchange -> { // writes until the client goes away
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                while (true) {
                    out.write(BODY, 0, 64 * 1024);
                }
            } catch (IOException gone) {
                abandoned.countDown();
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
    void readsTheWholeBodyInOrder() throws Exception {
        for (String path : new String[]{"/whole", "/chunked"}) {
            try (InputStream in = open(path)) {
                assertThat(in.readAllBytes()).as(path).isEqualTo(BODY);
                assertThat(in.read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void singleBytesAndSmallReadsGiveTheSameBytes() throws Exception {
        try (InputStream in = open("/chunked")) {
            assertThat(in.read()).isEqualTo(BODY[0] & 0xff);
            byte[] rest = new byte[BODY.length - 1];
            int n = 0;
            for (int r; n < rest.length && (r = in.read(rest, n, Math.min(333, rest.length - n))) > 0; ) {
                n += r;
            }
            assertThat(n).isEqualTo(rest.length);
            assertThat(rest).isEqualTo(java.util.Arrays.copyOfRange(BODY, 1, BODY.length));
        }
    }

    @Test
    void aBodyThatBreaksOffFailsTheReadInsteadOfEndingIt() throws Exception {
        try (InputStream in = open("/broken")) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class);
        }
    }

    @Test
    void closingStopsTheDownloadAndLaterReadsFail() throws Exception {
        InputStream in = open("/endless");
        assertThat(in.readNBytes(1024 * 1024)).hasSize(1024 * 1024);
        in.close();
        assertThat(abandoned.await(30, TimeUnit.SECONDS)).as("server saw the client go").isTrue();
        assertThatThrownBy(in::read).isInstanceOf(IOException.class);
    }

    private InputStream open(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).build(),
                info -> new ReadAheadBody(8));
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
