package org.fedoraproject.pdcupdater.pdc;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A scripted HTTP/1.1 server on an ephemeral loopback port standing in for PDC in fault tests. Each (method, path) has
 * a queue of replies (the last one repeats); every request is recorded. Paths are relative to {@code /rest_api/v1/}.
 *
 * <p>Written on plain sockets rather than {@code com.sun.net.httpserver} because the faults need control of the
 * connection itself: dropping it half-way through a response, or holding it open without answering. One request per
 * connection ({@code Connection: close}), which the client's pool copes with.
 */
final class FakePdcServer implements AutoCloseable {

    static final String ROOT = "/rest_api/v1/";

    /** One request as the server saw it. */
    record Recorded(String method, String path, String query, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** How to answer one request. */
    @FunctionalInterface
    interface Reply {
        void write(Recorded request, OutputStream out, FakePdcServer server) throws IOException;
    }

    static Reply json(int status, String body, String... headerPairs) {
        return (req, out, server) -> {
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n")
                    .append("Connection: close\r\n")
                    .append("Content-Length: ").append(bytes.length).append("\r\n");
            if (body != null) {
                head.append("Content-Type: application/json\r\n");
            }
            for (int i = 0; i + 1 < headerPairs.length; i += 2) {
                head.append(headerPairs[i]).append(": ").append(headerPairs[i + 1]).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            if (status >= 200 && status < 300) {
                server.successes.add(req);
            }
        };
    }

    /** Promises 1000 bytes of body, sends a few, then drops the connection. */
    static Reply closeMidResponse() {
        return (req, out, server) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                    + "{\"count\": 1, \"res").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        };
    }

    /** Never answers until the server is closed: a PDC stuck past the client's read timeout. */
    static Reply stall() {
        return (req, out, server) -> {
            try {
                server.released.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private final ServerSocket socket;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-pdc");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Deque<Reply>> script = new HashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final List<Recorded> successes = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    private FakePdcServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        executor.execute(this::acceptLoop);
    }

    static FakePdcServer start() {
        try {
            return new FakePdcServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    URI apiRoot() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + ROOT);
    }

    /** Absolute URL of {@code relative} on this server, as PDC builds its next links. */
    String absolute(String relative) {
        return apiRoot().resolve(relative).toString();
    }

    /** Answers {@code method path} with {@code replies} in turn; the last one repeats. */
    synchronized FakePdcServer on(String method, String path, Reply... replies) {
        script.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>()).addAll(List.of(replies));
        return this;
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    List<Recorded> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    /** Requests answered with a 2xx: the writes that "reached the success path". */
    List<Recorded> successes() {
        return List.copyOf(successes);
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                executor.execute(() -> serve(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            String requestLine = readLine(in);
            if (requestLine == null || requestLine.isEmpty()) {
                return;
            }
            String[] parts = requestLine.split(" ");
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            String body = new String(readBody(in, headers), StandardCharsets.UTF_8);
            URI uri = URI.create(parts[1]);
            String path = uri.getRawPath().startsWith(ROOT) ? uri.getRawPath().substring(ROOT.length()) : uri.getRawPath();
            Recorded req = new Recorded(parts[0], path, uri.getRawQuery(), Map.copyOf(headers), body);
            requests.add(req);
            Reply reply;
            synchronized (this) {
                Deque<Reply> queue = script.get(req.method() + " " + path);
                reply = queue == null || queue.isEmpty() ? null : queue.size() > 1 ? queue.poll() : queue.peek();
            }
            if (reply == null) {
                reply = json(404, "{\"detail\": \"Not found\"}");
            }
            reply.write(req, s.getOutputStream(), this);
        } catch (SocketException clientWentAway) {
            // the client timed out or cancelled
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
        String length = headers.get("content-length");
        if (length != null) {
            return in.readNBytes(Integer.parseInt(length));
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16)) {
                out.write(in.readNBytes(size));
                readLine(in);
            }
            readLine(in); // trailer end
            return out.toByteArray();
        }
        return new byte[0];
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                int last = sb.length() - 1;
                return last >= 0 && sb.charAt(last) == '\r' ? sb.substring(0, last) : sb.toString();
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    @Override
    public void close() {
        released.countDown();
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        executor.shutdownNow();
    }
}
