package org.fedoraproject.pdcupdater.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;

/** The benches' proxies in front of the PDC sandbox: a request passed on as it came, with the headers PDC reads. */
final class ForwardedRequest {

    private static final List<String> FORWARDED = List.of("Authorization", "PDC-Change-Comment", "Content-Type",
            "Accept");

    private ForwardedRequest() {
    }

    /** Sends {@code exchange}'s request (method, body, PDC's headers) to {@code target} and returns PDC's answer. */
    static HttpResponse<byte[]> send(HttpClient http, URI target, HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target).method(exchange.getRequestMethod(),
                body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : FORWARDED) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
