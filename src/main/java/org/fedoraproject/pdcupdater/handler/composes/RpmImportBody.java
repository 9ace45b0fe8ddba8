package org.fedoraproject.pdcupdater.handler.composes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fedoraproject.pdcupdater.source.compose.ManifestStream;
import org.fedoraproject.pdcupdater.source.http.SourceException;

/**
 * The body of a {@code compose-rpms/} import, {@code {"release_id", "composeinfo", "rpm_manifest"}}, produced while
 * rpms.json is downloaded: the manifest is parsed token by token and written straight back out, so memory holds one
 * RPM entry and a 64 KiB buffer whatever the manifest's size. It is pulled by the HTTP client as the request body.
 *
 * <p>On the way it checks what PDC would otherwise find only after the whole upload, or not at all: the manifest's
 * compose id is composeinfo's, the structure is {@code payload.rpms.<variant>.<arch>.<srpm nevra>.<rpm nevra> =
 * {path, sigkey, category}} with NEVRAs of the form {@code name-epoch:version-release.arch}, the category is one PDC
 * knows, and the document is complete (header, payload.compose and payload.rpms present, nothing after its end).
 *
 * <p>On any problem the stream fails with an {@link IOException}, before the closing brace of the body is sent: the
 * client aborts the request and PDC, which imports in one transaction, keeps nothing. The cause (an
 * {@link InvalidComposeMetadataException}, or a transient {@link SourceException} for a download that broke) is
 * recorded in the {@link UploadFailure}.
 */
final class RpmImportBody extends InputStream {

    /** productmd writes {@code name-epoch:version-release.arch}, the epoch always present. */
    static final Pattern NEVRA = Pattern.compile("^(.+)-(\\d+):([^-:/\\s]+)-([^-:/\\s]+)\\.([^.\\-:/\\s]+)$");
    /** PDC's seeded content categories (pdc-api.md 2.20). */
    static final Set<String> CATEGORIES = Set.of("binary", "debug", "source");
    private static final int FILL = 64 * 1024;
    /**
     * Field-name canonicalisation would keep every distinct key, a million NEVRAs, in the parser's symbol table:
     * exactly the memory this class exists to avoid.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private enum Level { ROOT, PAYLOAD, RPMS, VARIANT, ARCH, SRPM }

    private final ManifestStream source;
    private final CountingInput counted;
    private final String releaseId;
    private final JsonNode composeinfo;
    private final String composeId;
    private final UploadFailure failure;
    private final Buffer buffer = new Buffer();
    private final JsonParser in;
    private final JsonGenerator out;
    private final Deque<Level> levels = new ArrayDeque<>();
    private int readPos;
    private boolean started;
    private boolean opened;
    private boolean finished;
    private long finishedAt;
    private boolean sawHeader;
    private boolean sawCompose;
    private boolean sawRpms;
    private long rpms;
    private String variant;
    private String arch;

    RpmImportBody(ManifestStream source, String releaseId, JsonNode composeinfo, String composeId,
                  UploadFailure failure) throws IOException {
        this.source = source;
        this.counted = new CountingInput(source.body());
        this.releaseId = releaseId;
        this.composeinfo = composeinfo;
        this.composeId = composeId;
        this.failure = failure;
        this.in = MAPPER.createParser(counted);
        this.out = MAPPER.createGenerator(buffer);
    }

    /** RPM entries passed on so far. */
    long rpms() {
        return rpms;
    }

    /** When the last byte of the body was produced ({@link System#nanoTime()}), or 0 while it is not. */
    long finishedAtNanos() {
        return finishedAt;
    }

    /** Manifest bytes read so far. */
    long bytesRead() {
        return counted.count;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (readPos == buffer.size()) {
            if (finished) {
                return -1;
            }
            buffer.reset();
            readPos = 0;
            fill();
        }
        int n = Math.min(len, buffer.size() - readPos);
        System.arraycopy(buffer.bytes(), readPos, b, off, n);
        readPos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        try {
            in.close();
        } finally {
            source.close();
        }
    }

    private void fill() throws IOException {
        try {
            if (!started) {
                started = true;
                out.writeStartObject();
                out.writeStringField("release_id", releaseId);
                out.writeFieldName("composeinfo");
                out.writeTree(composeinfo);
                out.writeFieldName("rpm_manifest");
            }
            while (!finished && buffer.size() < FILL) {
                step();
            }
            out.flush();
        } catch (InvalidComposeMetadataException | SourceException e) {
            throw abort(e);
        } catch (JsonProcessingException e) {
            throw abort(invalid((e.getOriginalMessage().startsWith("Unexpected end-of-input")
                    ? "ends early (truncated?)" : "is not valid JSON") + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw abort(new SourceException("compose metadata", source.uri().toString(), 200, true,
                    "download of " + source.uri() + " broke after " + counted.count + " bytes: " + e, e));
        }
    }

    private IOException abort(RuntimeException cause) {
        RuntimeException recorded = failure.record(cause);
        return new IOException("rpms manifest upload aborted: " + recorded.getMessage(), recorded);
    }

    private void step() throws IOException {
        if (!opened) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("is not a JSON object");
            }
            opened = true;
            out.writeStartObject();
            levels.push(Level.ROOT);
            return;
        }
        if (levels.isEmpty()) { // the manifest's own object has closed
            if (in.nextToken() != null) {
                throw invalid("has more data after its end");
            }
            if (!sawHeader || !sawCompose || !sawRpms) {
                throw invalid("lacks " + (!sawHeader ? "header" : !sawCompose ? "payload.compose" : "payload.rpms"));
            }
            out.writeEndObject(); // closes the import body: only now is the request complete
            finished = true;
            finishedAt = System.nanoTime();
            return;
        }
        JsonToken token = in.nextToken();
        if (token == null) {
            throw invalid("ends early (truncated?)");
        }
        if (token == JsonToken.END_OBJECT) {
            out.writeEndObject();
            levels.pop();
            return;
        }
        if (token != JsonToken.FIELD_NAME) {
            throw invalid("has " + token + " where a key was expected");
        }
        String name = in.currentName();
        switch (levels.peek()) {
            case ROOT -> root(name);
            case PAYLOAD -> payload(name);
            case RPMS -> {
                openObject(name, "variant " + name);
                variant = name;
                levels.push(Level.VARIANT);
            }
            case VARIANT -> {
                openObject(name, "arch " + variant + "." + name);
                arch = name;
                levels.push(Level.ARCH);
            }
            case ARCH -> {
                requireNevra(name, "source rpm");
                openObject(name, "source rpm " + name);
                levels.push(Level.SRPM);
            }
            case SRPM -> rpm(name);
        }
    }

    private void root(String name) throws IOException {
        switch (name) {
            case "header" -> {
                JsonNode header = tree("header");
                if (!header.path("version").isTextual()) {
                    throw invalid("has no header.version");
                }
                sawHeader = true;
                out.writeFieldName(name);
                out.writeTree(header);
            }
            case "payload" -> {
                openObject(name, "payload");
                levels.push(Level.PAYLOAD);
            }
            default -> skip();
        }
    }

    private void payload(String name) throws IOException {
        switch (name) {
            case "compose" -> {
                JsonNode compose = tree("payload.compose");
                String id = compose.path("id").asText("");
                if (!id.equals(composeId)) {
                    throw new InvalidComposeMetadataException("rpms.json at " + source.uri() + " is for compose '" + id
                            + "', composeinfo.json for '" + composeId + "'");
                }
                sawCompose = true;
                out.writeFieldName(name);
                out.writeTree(compose);
            }
            case "rpms" -> {
                openObject(name, "payload.rpms");
                sawRpms = true;
                levels.push(Level.RPMS);
            }
            default -> skip();
        }
    }

    private void rpm(String nevra) throws IOException {
        requireNevra(nevra, "rpm");
        JsonNode entry = tree("rpm " + nevra);
        if (!entry.path("path").isTextual() || entry.path("path").asText().isBlank()) {
            throw invalid("has no path for " + nevra + " in " + variant + "." + arch);
        }
        String category = entry.path("category").asText("");
        if (!CATEGORIES.contains(category)) {
            throw invalid("has category '" + category + "' for " + nevra + " in " + variant + "." + arch + " (PDC knows "
                    + CATEGORIES + ")");
        }
        JsonNode sigkey = entry.get("sigkey");
        if (sigkey != null && !sigkey.isNull() && !sigkey.isTextual()) {
            throw invalid("has a sigkey that is not a string for " + nevra + " in " + variant + "." + arch);
        }
        out.writeFieldName(nevra);
        out.writeTree(entry);
        rpms++;
    }

    /** The parser is on a key; its value must be an object, which is opened on the output too. */
    private void openObject(String name, String what) throws IOException {
        if (in.nextToken() != JsonToken.START_OBJECT) {
            throw invalid("has " + what + " that is not an object");
        }
        out.writeFieldName(name);
        out.writeStartObject();
    }

    private JsonNode tree(String what) throws IOException {
        if (in.nextToken() != JsonToken.START_OBJECT) {
            throw invalid("has " + what + " that is not an object");
        }
        return in.readValueAsTree();
    }

    /** Keys PDC does not read are not passed on. */
    private void skip() throws IOException {
        in.nextToken();
        in.skipChildren();
    }

    private void requireNevra(String nevra, String what) {
        if (!NEVRA.matcher(nevra).matches()) {
            throw invalid("has " + what + " key '" + nevra + "' in " + variant + "." + arch
                    + ", not name-epoch:version-release.arch");
        }
    }

    private InvalidComposeMetadataException invalid(String what) {
        return new InvalidComposeMetadataException("rpms.json at " + source.uri() + " " + what + " (after " + rpms
                + " rpms, " + counted.count + " bytes)");
    }

    /** A byte buffer whose array can be read without a copy. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(FILL + 8192);
        }

        byte[] bytes() {
            return buf;
        }
    }

    private static final class CountingInput extends InputStream {
        private final InputStream in;
        private long count;

        CountingInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
