package org.fedoraproject.pdcupdater.sandbox.compose;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Stand-in for kojipkgs' {@code /compose/} tree: serves a directory over HTTP the way Apache does, files with
 * their length (streamed, so a 500 MB rpms.json costs no memory), directories as an autoindex-style HTML page
 * ({@code <a href="name/">}) that the compose client scrapes, a redirect for a directory URL without its slash,
 * and 404 for anything missing. GET and HEAD only; nothing outside the root is reachable.
 */
public final class ComposeTreeStandin implements HttpHandler {

    /** Where the embedded default mounts it, so its paths look like kojipkgs' ({@code /compose/rawhide/...}). */
    public static final String PATH = "/compose/";

    private final Path root;

    public ComposeTreeStandin(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The bundled tree (compose Fedora-24-20151130.n.2), written to a temporary directory removed at exit. */
    public static ComposeTreeStandin bundled() {
        return new ComposeTreeStandin(BundledComposeTree.temporary());
    }

    public Path root() {
        return root;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex; InputStream ignored = ex.getRequestBody()) {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                send(ex, 405, "text/plain", "method not allowed\n");
                return;
            }
            URI uri = ex.getRequestURI();
            String context = ex.getHttpContext().getPath();
            String relative = uri.getPath().substring(Math.min(context.length(), uri.getPath().length()));
            Path target = root.resolve(relative).normalize();
            if (!target.startsWith(root) || !Files.exists(target)) {
                send(ex, 404, "text/plain", "not found\n");
                return;
            }
            if (Files.isDirectory(target)) {
                if (!uri.getPath().endsWith("/")) {
                    ex.getResponseHeaders().set("Location", uri.getPath() + "/");
                    send(ex, 301, "text/plain", "moved\n");
                    return;
                }
                send(ex, 200, "text/html; charset=utf-8", index(uri.getPath(), target));
                return;
            }
            file(ex, target, method.equals("HEAD"));
        }
    }

    private static void file(HttpExchange ex, Path file, boolean head) throws IOException {
        long size = Files.size(file);
        ex.getResponseHeaders().set("Content-Type",
                file.getFileName().toString().endsWith(".json") ? "application/json" : "text/plain");
        if (head) {
            ex.getResponseHeaders().set("Content-Length", String.valueOf(size));
            ex.sendResponseHeaders(200, -1);
            return;
        }
        ex.sendResponseHeaders(200, size == 0 ? -1 : size);
        if (size > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                Files.copy(file, out);
            }
        }
    }

    private static String index(String urlPath, Path dir) throws IOException {
        List<String> entries = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.sorted().forEach(p -> entries.add(p.getFileName() + (Files.isDirectory(p) ? "/" : "")));
        }
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><title>Index of ")
                .append(escape(urlPath)).append("</title></head><body>\n<h1>Index of ").append(escape(urlPath))
                .append("</h1>\n<pre><a href=\"../\">Parent Directory</a>\n");
        for (String e : entries) {
            html.append("<a href=\"").append(escape(e)).append("\">").append(escape(e)).append("</a>\n");
        }
        return html.append("</pre></body></html>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
