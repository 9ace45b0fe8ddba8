package org.fedoraproject.pdcupdater.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads fedmsg history from datagrepper's {@code /raw} (by time window, paged, oldest first) and
 * {@code /id} (one message by msg_id). This is where missed messages and the backlog after a
 * restart come from.
 */
public class DatagrepperClient {

    /** Datagrepper refuses pages larger than this. */
    static final int MAX_ROWS_PER_PAGE = 100;

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;
    private final int rowsPerPage;
    private final ObjectMapper json = new ObjectMapper();

    public DatagrepperClient(URI base, Duration timeout, int rowsPerPage) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.timeout = timeout;
        this.rowsPerPage = Math.min(rowsPerPage, MAX_ROWS_PER_PAGE);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * Hands every message sent between {@code start} and {@code end} (seconds since the epoch,
     * inclusive) to {@code sink}, oldest first, one page in memory at a time.
     *
     * @return how many messages were handed over
     */
    public long forEachMessage(double start, double end, Consumer<JsonNode> sink) {
        long count = 0;
        int pages = 1;
        for (int page = 1; page <= pages; page++) {
            JsonNode body = get("raw?order=asc&page=" + page + "&rows_per_page=" + rowsPerPage
                    + "&start=" + seconds(start) + "&end=" + seconds(end));
            pages = body.path("pages").asInt(0);
            for (JsonNode message : body.path("raw_messages")) {
                sink.accept(message);
                count++;
            }
        }
        return count;
    }

    /** One message by its msg_id, or empty when datagrepper does not know it. */
    public Optional<JsonNode> byId(String msgId) {
        try {
            JsonNode body = get("id?id=" + URLEncoder.encode(msgId, StandardCharsets.UTF_8));
            return body.has("msg_id") ? Optional.of(body) : Optional.empty();
        } catch (DatagrepperException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private JsonNode get(String pathAndQuery) {
        URI uri = base.resolve(pathAndQuery);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new DatagrepperException(response.statusCode(), "datagrepper answered "
                            + response.statusCode() + " for " + uri);
                }
                return json.readTree(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("datagrepper unreachable at " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading datagrepper", e);
        }
    }

    private static String seconds(double epochSeconds) {
        return String.format(Locale.ROOT, "%.6f", epochSeconds);
    }

    /** Datagrepper answered, but not with a page. */
    public static final class DatagrepperException extends RuntimeException {
        private final int status;

        DatagrepperException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
