package org.fedoraproject.pdcupdater.source.compose;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.source.http.HttpSettings;
import org.fedoraproject.pdcupdater.source.http.JsonHttp;
import org.fedoraproject.pdcupdater.source.http.SourceException;
import org.fedoraproject.pdcupdater.source.http.Urls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Pungi compose metadata over HTTP, as kojipkgs serves it: {@code <compose>/metadata/composeinfo.json} and
 * {@code images.json} as trees (small), {@code rpms.json} as an open stream (a rawhide one exceeds 100 MB), and the
 * list of finished composes under the compose root ({@code <root>/<branch>/<compose id>/} with a {@code STATUS} of
 * FINISHED or FINISHED_INCOMPLETE), scraped from the web server's directory listings like the original updater did.
 * Every location goes through the {@link LocationRewrite} first.
 */
public final class ComposeMetadataClient {

    private static final Logger LOG = LoggerFactory.getLogger(ComposeMetadataClient.class);
    private static final String SOURCE = "compose metadata";
    /** Directory entries in an Apache/nginx/stand-in index page: {@code <a href="name/">}. */
    private static final Pattern SUBDIRECTORY = Pattern.compile("<a\\s+href=\"([^\"?/#][^\"?#]*)/\"",
            Pattern.CASE_INSENSITIVE);
    /** Pungi's final states; a compose in any other state (STARTED, DOOMED...) has no complete metadata. */
    public static final Set<String> FINISHED = Set.of("FINISHED", "FINISHED_INCOMPLETE");
    /** Buffers of rpms.json received ahead of the importer's reading: 32 x 16 KiB, two of its 256 KiB chunks. */
    private static final int RPMS_READ_AHEAD = 32;

    private final HttpClient http;
    private final JsonHttp json;
    private final LocationRewrite rewrite;

    /**
     * @param settings {@code baseUri} is the compose root that {@link #finishedComposes()} lists (rewritten like
     *                 any location)
     */
    public ComposeMetadataClient(HttpClient http, HttpSettings settings, LocationRewrite rewrite) {
        this.http = http;
        this.json = new JsonHttp(SOURCE, http, settings);
        this.rewrite = rewrite;
    }

    /** Where a location is really read from (after {@code composes.location-rewrite}). */
    public ComposeLocation resolve(ComposeLocation location) {
        return rewrite.apply(location);
    }

    /** {@code metadata/composeinfo.json}. @throws SourceException also for a 404: a compose has to have one */
    public JsonNode composeinfo(ComposeLocation location) {
        return required(resolve(location).metadata("composeinfo.json"));
    }

    /** {@code metadata/images.json}. @throws SourceException also for a 404 */
    public JsonNode images(ComposeLocation location) {
        return required(resolve(location).metadata("images.json"));
    }

    /**
     * Opens {@code metadata/rpms.json} for streaming; the caller closes it. One attempt: a download that fails is
     * retried as a whole by whoever retries the import.
     *
     * @return empty for a 404: not every compose has RPMs (Atomic ones do not; fedora-infra/pdc-updater#11)
     * @throws SourceException for any other failure
     */
    public Optional<ManifestStream> openRpms(ComposeLocation location) {
        URI uri = resolve(location).metadata("rpms.json");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(json.settings().requestTimeout()) // until the headers; the body streams for as long as it takes
                .header("Accept", "application/json")
                .header("User-Agent", json.settings().userAgent())
                .GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, info -> new ReadAheadBody(RPMS_READ_AHEAD));
        } catch (IOException e) {
            throw new SourceException(SOURCE, json.safe(uri), SourceException.NO_RESPONSE, true,
                    SOURCE + " unreachable at " + json.safe(uri) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException(SOURCE, json.safe(uri), SourceException.NO_RESPONSE, true,
                    "interrupted while opening " + json.safe(uri), e);
        }
        int status = response.statusCode();
        if (status == 404) {
            close(response.body());
            return Optional.empty();
        }
        if (status < 200 || status >= 300) {
            try (InputStream body = response.body()) {
                throw json.failure(uri, status, body);
            } catch (IOException e) {
                throw json.failure(uri, status, InputStream.nullInputStream());
            }
        }
        OptionalLong length = response.headers().firstValueAsLong("Content-Length");
        return Optional.of(new ManifestStream(uri, response.body(), length));
    }

    /**
     * The finished composes under the compose root, oldest directory listing order kept: every
     * {@code <root>/<branch>/<compose>/} whose {@code STATUS} is final and whose composeinfo.json exists.
     * Names starting with {@code latest} are symlinks to other composes and are skipped.
     */
    public List<SourceCompose> finishedComposes() {
        URI root = rewrite.apply(json.settings().baseUri());
        List<SourceCompose> found = new ArrayList<>();
        for (String branch : subdirectories(root)) {
            URI branchUri = root.resolve(Urls.segment(branch) + "/");
            for (String compose : subdirectories(branchUri)) {
                if (compose.startsWith("latest")) {
                    continue;
                }
                URI top = branchUri.resolve(Urls.segment(compose) + "/");
                Optional<String> status = text(top.resolve("STATUS"));
                if (status.isEmpty() || !FINISHED.contains(status.get().strip())) {
                    LOG.debug("Compose {} skipped: STATUS {}", top, status.map(String::strip).orElse("missing"));
                    continue;
                }
                ComposeLocation location = ComposeLocation.ofTopDirectory(top);
                if (json.head(location.metadata("composeinfo.json"), s -> s == 200 || s == 404) != 200) {
                    LOG.debug("Compose {} skipped: no composeinfo.json", top);
                    continue;
                }
                found.add(new SourceCompose(branch, compose, location));
            }
        }
        return found;
    }

    private JsonNode required(URI uri) {
        return json.getJson(uri).orElseThrow(() -> new SourceException(SOURCE, json.safe(uri), 404, false,
                SOURCE + " not found: " + json.safe(uri) + " answered 404 (a compose location without this file is "
                        + "not a finished Pungi compose, or composes.location-rewrite points to the wrong place)",
                null));
    }

    private List<String> subdirectories(URI directory) {
        String page = text(directory).orElse("");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = SUBDIRECTORY.matcher(page);
        while (m.find()) {
            String name = java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            if (!name.equals("..") && !name.equals(".") && !name.contains("/") && !name.contains(":")) {
                names.add(name);
            }
        }
        return new ArrayList<>(names);
    }

    private Optional<String> text(URI uri) {
        return json.getBytes(uri).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // a 404 body we do not read
        }
    }
}
