package org.fedoraproject.pdcupdater.handler.composes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fedoraproject.pdcupdater.source.compose.ManifestStream;
import org.fedoraproject.pdcupdater.source.http.SourceException;

/**
 * The body of a {@code compose-rpms/} import, {@code {"release_id", "composeinfo", "rpm_manifest"}}, produced while
 * rpms.json is downloaded. The manifest's bytes are passed on as they came, only without the whitespace between
 * tokens (Pungi indents its manifests: that is about half their size); each chunk read from the source is copied
 * without that whitespace, the copy is run through Jackson's non-blocking parser, which checks it token by token
 * (parsing the copy spares the parser half the bytes), and it goes out only once it passed. So no entry is ever
 * turned into objects and written again, and memory holds a few 256 KiB chunks whatever the manifest's size. The
 * HTTP client pulls it as the request body piece by piece ({@link #next}, see {@link PiecesPublisher}).
 *
 * <p>On the way it checks what PDC would otherwise find only after the whole upload, or not at all: the manifest's
 * compose id is composeinfo's, the structure is {@code payload.rpms.<variant>.<arch>.<srpm nevra>.<rpm nevra> =
 * {path, sigkey, category}} with NEVRAs of the form {@code name-epoch:version-release.arch}, the category is one PDC
 * knows, and the document is complete (header, payload.compose and payload.rpms present, nothing after its end).
 *
 * <p>On any problem the stream fails with an {@link IOException}, before the closing brace of the body is sent (a
 * chunk is checked whole before any of it goes out, and that brace is only added after the manifest's end): the
 * client aborts the request and PDC, which imports all or nothing, keeps nothing. The cause (an
 * {@link InvalidComposeMetadataException}, or a transient {@link SourceException} for a download that broke) is
 * recorded in the {@link UploadFailure}.
 */
final class RpmImportBody extends InputStream implements PiecesPublisher.Pieces {

    /** PDC's seeded content categories (pdc-api.md 2.20). */
    static final Set<String> CATEGORIES = Set.of("binary", "debug", "source");
    private static final int CHUNK = 256 * 1024;
    /**
     * No field-name canonicalisation: nearly every key is a distinct NEVRA, so the parser's symbol table would only
     * fill up until Jackson clears it (at 64K names) and the import would take longer (measured: a fifth more CPU).
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);
    private static final byte[] SPACE = {' '};

    /** Where the parser is; OTHER is any value PDC does not read (skipped, but still checked as JSON). */
    private enum Level { ROOT, HEADER, PAYLOAD, COMPOSE, RPMS, VARIANT, ARCH, SRPM, ENTRY, OTHER }

    private final ManifestStream source;
    private final InputStream download;
    private final String releaseId;
    private final JsonNode composeinfo;
    private final String composeId;
    private final UploadFailure failure;
    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final byte[] chunk = new byte[CHUNK];
    private byte[] out = new byte[CHUNK];
    private int outPos;
    private int outLen;
    private final Deque<Level> levels = new ArrayDeque<>();
    /** The key whose value comes next, in the innermost object. */
    private String field;
    private long count;
    private boolean started;
    private boolean opened;
    private boolean ended;
    private boolean finished;
    private long finishedAt;
    // whitespace removal: where the copy is relative to strings and tokens, across chunks
    private boolean inString;
    private boolean escaped;
    /** The last byte copied outside strings is one of {@code {}[],:} (or nothing was copied yet). */
    private boolean afterStructural = true;
    /** Whitespace was left out since the last byte copied outside strings. */
    private boolean gap;
    // the checks
    private boolean sawHeader;
    private boolean headerVersion;
    private boolean sawCompose;
    private String manifestComposeId;
    private boolean sawRpms;
    private long rpms;
    private String variant;
    private String arch;
    private String nevra;
    private boolean entryPath;
    private String entryCategory;
    private boolean entryBadSigkey;

    RpmImportBody(ManifestStream source, String releaseId, JsonNode composeinfo, String composeId,
                  UploadFailure failure) throws IOException {
        this.source = source;
        this.download = source.body();
        this.releaseId = releaseId;
        this.composeinfo = composeinfo;
        this.composeId = composeId;
        this.failure = failure;
        this.parser = FACTORY.createNonBlockingByteArrayParser();
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }

    /** RPM entries checked so far. */
    long rpms() {
        return rpms;
    }

    /** When the last byte of the body was produced ({@link System#nanoTime()}), or 0 while it is not. */
    long finishedAtNanos() {
        return finishedAt;
    }

    /** Manifest bytes read so far. */
    long bytesRead() {
        return count;
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
        while (outPos == outLen) {
            if (finished) {
                return -1;
            }
            outPos = 0;
            outLen = 0;
            fill();
        }
        int n = Math.min(len, outLen - outPos);
        System.arraycopy(out, outPos, b, off, n);
        outPos += n;
        return n;
    }

    /**
     * The next piece of the body (the fields before the manifest, a checked chunk of it, or the closing brace) in an
     * array of its own, which the HTTP client may hold until it is written; null after the last. Not to be mixed
     * with {@link #read}.
     */
    @Override
    public ByteBuffer next() throws IOException {
        while (outPos == outLen) {
            if (finished) {
                return null;
            }
            out = new byte[CHUNK]; // the previous one was handed over
            outPos = 0;
            outLen = 0;
            fill();
        }
        ByteBuffer piece = ByteBuffer.wrap(out, outPos, outLen - outPos);
        outPos = outLen;
        return piece;
    }

    @Override
    public void close() throws IOException {
        try {
            parser.close();
        } finally {
            source.close();
        }
    }

    /** The next piece of the body: the fields before the manifest, a checked chunk of it, or the end. */
    private void fill() throws IOException {
        if (!started) {
            started = true;
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.write('{');
            head.write(MAPPER.writeValueAsBytes("release_id"));
            head.write(':');
            head.write(MAPPER.writeValueAsBytes(releaseId));
            head.write(',');
            head.write(MAPPER.writeValueAsBytes("composeinfo"));
            head.write(':');
            head.write(MAPPER.writeValueAsBytes(composeinfo));
            head.write(',');
            head.write(MAPPER.writeValueAsBytes("rpm_manifest"));
            head.write(':'); // the manifest follows, then the closing brace
            if (head.size() > out.length) {
                out = new byte[head.size()];
            }
            System.arraycopy(head.toByteArray(), 0, out, 0, head.size());
            outLen = head.size();
            return;
        }
        int n;
        try {
            n = download.readNBytes(chunk, 0, CHUNK); // 0: the end
        } catch (IOException e) {
            throw abort(new SourceException("compose metadata", source.uri().toString(), 200, true,
                    "download of " + source.uri() + " broke after " + count + " bytes: " + e, e));
        }
        try {
            if (n == 0) {
                feeder.endOfInput();
                check();
                if (!ended) {
                    throw invalid("ends early (truncated?)");
                }
                out[0] = '}'; // closes the import body: only now is the request complete
                outLen = 1;
                finished = true;
                finishedAt = System.nanoTime();
                return;
            }
            // A byte order mark would be invalid JSON inside the body (the blocking parser used to skip it too).
            int from = count == 0 && n >= 3 && chunk[0] == (byte) 0xEF && chunk[1] == (byte) 0xBB
                    && chunk[2] == (byte) 0xBF ? 3 : 0;
            count += n;
            boolean gapBefore = gap;
            if (copyWithoutWhitespace(from, n)) {
                // The parser reads the stripped copy: the bytes that go out, half those of an indented manifest.
                feeder.feedInput(out, 0, outLen);
                check();
            } else {
                // Leaving out whitespace would have joined two tokens ("1 2" into "12"): invalid JSON that the copy
                // might make valid. The parser gets the bytes as they came (after the whitespace the previous
                // chunk ended with), so it refuses them as it would have; the check does not get weaker.
                if (gapBefore) {
                    feeder.feedInput(SPACE, 0, 1);
                    check();
                }
                feeder.feedInput(chunk, from, n);
                check();
                throw invalid("is not valid JSON: tokens separated only by whitespace");
            }
        } catch (InvalidComposeMetadataException e) {
            throw abort(e);
        } catch (JsonProcessingException e) {
            throw abort(invalid((e.getOriginalMessage().startsWith("Unexpected end-of-input")
                    ? "ends early (truncated?)" : "is not valid JSON") + ": " + e.getOriginalMessage()));
        }
    }

    private IOException abort(RuntimeException cause) {
        RuntimeException recorded = failure.record(cause);
        return new IOException("rpms manifest upload aborted: " + recorded.getMessage(), recorded);
    }

    /**
     * Copies {@code [from, to)} of the chunk to the output, leaving out whitespace outside strings.
     *
     * @return false when a left-out whitespace stood between two tokens that are not JSON punctuation
     * ({@code {}[],:}), which valid JSON never has ({@code 1 2}, {@code "a" "b"}, {@code tr ue}): the copy could
     * then mean something else than the original
     */
    private boolean copyWithoutWhitespace(int from, int to) {
        byte[] in = chunk;
        byte[] o = out;
        int w = 0;
        int i = from;
        boolean joins = false;
        while (i < to) {
            if (inString) { // the string up to its closing quote, in a tight loop: strings are half the bytes
                if (escaped) {
                    escaped = false;
                    o[w++] = in[i++];
                }
                while (i < to) {
                    byte c = in[i++];
                    o[w++] = c;
                    if (c == '"') {
                        inString = false;
                        break;
                    }
                    if (c == '\\') {
                        if (i == to) {
                            escaped = true;
                        } else {
                            o[w++] = in[i++];
                        }
                    }
                }
                continue;
            }
            byte c = in[i++];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                gap = true;
                continue;
            }
            boolean structural = c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':';
            if (gap && !afterStructural && !structural) {
                joins = true;
            }
            gap = false;
            afterStructural = structural;
            inString = c == '"';
            o[w++] = c;
        }
        outLen = w;
        return !joins;
    }

    /** Runs the parser over what it has been fed. */
    private void check() throws IOException {
        for (JsonToken t; (t = parser.nextToken()) != JsonToken.NOT_AVAILABLE; ) {
            if (t == null) {
                return; // end of input
            }
            if (ended) {
                throw invalid("has more data after its end");
            }
            token(t);
        }
    }

    private void token(JsonToken t) throws IOException {
        if (!opened) {
            if (t != JsonToken.START_OBJECT) {
                throw invalid("is not a JSON object");
            }
            opened = true;
            levels.push(Level.ROOT);
            return;
        }
        Level level = levels.peek();
        switch (t) {
            case FIELD_NAME -> name(level, parser.currentName());
            case START_OBJECT -> levels.push(inside(level, true));
            case START_ARRAY -> levels.push(inside(level, false));
            case END_OBJECT, END_ARRAY -> close(levels.pop());
            default -> value(level, t);
        }
    }

    private void name(Level level, String name) {
        field = name;
        switch (level) {
            case RPMS -> variant = name;
            case VARIANT -> arch = name;
            case ARCH -> requireNevra(name, "source rpm");
            case SRPM -> {
                requireNevra(name, "rpm");
                nevra = name;
            }
            default -> {
            }
        }
    }

    /** The level a value that opens an object or array starts under {@code parent}'s current key. */
    private Level inside(Level parent, boolean object) {
        Level child = switch (parent) {
            case ROOT -> field.equals("header") ? Level.HEADER : field.equals("payload") ? Level.PAYLOAD : Level.OTHER;
            case PAYLOAD -> field.equals("compose") ? Level.COMPOSE : field.equals("rpms") ? Level.RPMS : Level.OTHER;
            case RPMS -> Level.VARIANT;
            case VARIANT -> Level.ARCH;
            case ARCH -> Level.SRPM;
            case SRPM -> Level.ENTRY;
            default -> Level.OTHER;
        };
        if (child != Level.OTHER && !object) {
            throw notAnObject(parent);
        }
        if (parent == Level.ENTRY && field.equals("sigkey")) {
            entryBadSigkey = true; // an object or array
        }
        switch (child) {
            case HEADER -> headerVersion = false;
            case COMPOSE -> manifestComposeId = "";
            case RPMS -> sawRpms = true;
            case ENTRY -> {
                entryPath = false;
                entryCategory = "";
                entryBadSigkey = false;
            }
            default -> {
            }
        }
        return child;
    }

    private void value(Level level, JsonToken t) throws IOException {
        switch (level) {
            case ROOT -> {
                if (field.equals("header") || field.equals("payload")) {
                    throw notAnObject(level);
                }
            }
            case PAYLOAD -> {
                if (field.equals("compose") || field.equals("rpms")) {
                    throw notAnObject(level);
                }
            }
            case RPMS, VARIANT, ARCH, SRPM -> throw notAnObject(level);
            case HEADER -> {
                if (field.equals("version")) {
                    headerVersion = t == JsonToken.VALUE_STRING;
                }
            }
            case COMPOSE -> {
                if (field.equals("id")) {
                    manifestComposeId = t.isScalarValue() && t != JsonToken.VALUE_NULL ? parser.getText() : "";
                }
            }
            case ENTRY -> {
                switch (field) {
                    case "path" -> entryPath = t == JsonToken.VALUE_STRING && !parser.getText().isBlank();
                    case "category" -> entryCategory = t == JsonToken.VALUE_STRING ? parser.getText() : "";
                    case "sigkey" -> entryBadSigkey = t != JsonToken.VALUE_NULL && t != JsonToken.VALUE_STRING;
                    default -> {
                    }
                }
            }
            default -> {
            }
        }
    }

    private void close(Level level) {
        switch (level) {
            case ROOT -> {
                if (!sawHeader || !sawCompose || !sawRpms) {
                    throw invalid("lacks " + (!sawHeader ? "header" : !sawCompose ? "payload.compose" : "payload.rpms"));
                }
                ended = true;
            }
            case HEADER -> {
                if (!headerVersion) {
                    throw invalid("has no header.version");
                }
                sawHeader = true;
            }
            case COMPOSE -> {
                if (!manifestComposeId.equals(composeId)) {
                    throw new InvalidComposeMetadataException("rpms.json at " + source.uri() + " is for compose '"
                            + manifestComposeId + "', composeinfo.json for '" + composeId + "'");
                }
                sawCompose = true;
            }
            case ENTRY -> entry();
            default -> {
            }
        }
    }

    private void entry() {
        if (!entryPath) {
            throw invalid("has no path for " + nevra + " in " + variant + "." + arch);
        }
        if (!CATEGORIES.contains(entryCategory)) {
            throw invalid("has category '" + entryCategory + "' for " + nevra + " in " + variant + "." + arch
                    + " (PDC knows " + CATEGORIES + ")");
        }
        if (entryBadSigkey) {
            throw invalid("has a sigkey that is not a string for " + nevra + " in " + variant + "." + arch);
        }
        rpms++;
    }

    private InvalidComposeMetadataException notAnObject(Level parent) {
        String what = switch (parent) {
            case ROOT, PAYLOAD -> parent == Level.ROOT ? field : "payload." + field;
            case RPMS -> "variant " + field;
            case VARIANT -> "arch " + variant + "." + field;
            case ARCH -> "source rpm " + field;
            default -> "rpm " + field;
        };
        return invalid("has " + what + " that is not an object");
    }

    private void requireNevra(String text, String what) {
        if (!isNevra(text)) {
            throw invalid("has " + what + " key '" + text + "' in " + variant + "." + arch
                    + ", not name-epoch:version-release.arch");
        }
    }

    /**
     * productmd writes {@code name-epoch:version-release.arch}, the epoch always present: what
     * {@code ^(.+)-(\d+):([^-:/\s]+)-([^-:/\s]+)\.([^.\-:/\s]+)$} matches, without a regular expression (it
     * runs for every entry). The separators are forced: the arch follows the last dot, the release the last dash
     * before it, the version the last colon before that, and the epoch the dash before the colon.
     */
    static boolean isNevra(String s) {
        int dot = s.lastIndexOf('.');
        if (dot < 0 || !plain(s, dot + 1, s.length(), true)) {
            return false;
        }
        int releaseDash = s.lastIndexOf('-', dot - 1);
        if (releaseDash < 0 || !plain(s, releaseDash + 1, dot, false)) {
            return false;
        }
        int colon = s.lastIndexOf(':', releaseDash - 1);
        if (colon < 0 || !plain(s, colon + 1, releaseDash, false)) {
            return false;
        }
        int epochDash = s.lastIndexOf('-', colon - 1);
        if (epochDash < 1 || epochDash + 1 == colon) {
            return false;
        }
        for (int i = epochDash + 1; i < colon; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        for (int i = 0; i < epochDash; i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return false; // "." does not match line terminators
            }
        }
        return true;
    }

    /** {@code [from, to)} is not empty and has no dash, colon, slash, whitespace (nor dot when {@code noDot}). */
    private static boolean plain(String s, int from, int to, boolean noDot) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '-' || c == ':' || c == '/' || (noDot && c == '.') || c == ' ' || c == '\t' || c == '\n'
                    || c == '\u000B' || c == '\f' || c == '\r') { // \s of java.util.regex
                return false;
            }
        }
        return true;
    }

    private InvalidComposeMetadataException invalid(String what) {
        return new InvalidComposeMetadataException("rpms.json at " + source.uri() + " " + what + " (after " + rpms
                + " rpms, " + count + " bytes)");
    }
}
