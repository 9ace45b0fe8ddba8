package org.fedoraproject.pdcupdater.sandbox.standin;

import java.io.IOException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Base of the stand-ins: parses the exchange, hands it to {@link #serve}, and turns a bug in a
 * stand-in into a 500 with the reason rather than a hung connection.
 */
public abstract class JsonStandin implements HttpHandler {

    protected static final ObjectMapper JSON = StandinExchange.JSON;

    @Override
    public final void handle(HttpExchange exchange) throws IOException {
        try {
            StandinExchange request = new StandinExchange(exchange);
            serve(request);
        } catch (RuntimeException e) {
            ObjectNode error = JSON.createObjectNode().put("error", "stand-in failure: " + e);
            byte[] body = JSON.writeValueAsBytes(error);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
        } finally {
            exchange.close();
        }
    }

    /** Answers one request; must send a response. */
    protected abstract void serve(StandinExchange exchange) throws IOException;

    /** A glob with {@code *} wildcards as a whole-string regular expression (the rest literal). */
    protected static Pattern glob(String pattern, boolean caseSensitive) {
        String[] parts = pattern.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString(), caseSensitive ? 0 : Pattern.CASE_INSENSITIVE);
    }
}
