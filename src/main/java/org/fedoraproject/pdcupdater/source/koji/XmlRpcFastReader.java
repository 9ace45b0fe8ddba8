package org.fedoraproject.pdcupdater.source.koji;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads a whole {@code <methodResponse>} held in memory straight from its UTF-8 bytes, for the plain shape Koji's
 * hub and this codec write: elements without attributes or prefixes, whitespace between them, text with the five
 * predefined entities and character references, an optional XML declaration in UTF-8. An audit of a million RPMs
 * reads about 1 GB of such XML, and the JDK's StAX parser spends most of the audit's CPU on it.
 *
 * <p>Anything else (a comment, CDATA, a DOCTYPE, a namespace prefix, a carriage return, another encoding, a fault,
 * a value over a {@link XmlRpcLimits} limit, malformed XML or XML-RPC) is not decided here: {@link #read} answers
 * {@link #DEFER} and the caller reads the same bytes with {@link XmlRpcReader}, which accepts, refuses or reports
 * it exactly as before. So this class only has to be right about what it accepts, and it accepts only values that
 * {@code XmlRpcReader} would read the same way (same Java types, same struct order).
 */
final class XmlRpcFastReader {

    /** Answer of {@link #read} when the document is outside the plain shape. */
    static final Object DEFER = new Object();

    /** Thrown inside to unwind to {@link #read}; no stack trace, it is control flow. */
    private static final class Defer extends RuntimeException {
        Defer() {
            super(null, null, false, false);
        }
    }

    private static final Defer DEFERRED = new Defer();
    /** A streamed array's element larger than this goes to the StAX reader, which streams it. */
    private static final int WINDOW_MAX_BYTES = 8 * 1024 * 1024;
    private static final String ARRAY_RESPONSE_OPENING = "<methodResponse><params><param><value><array><data>";
    /** The declarations Python, Koji and this codec write, up to the closing "?>": version 1.0, UTF-8. */
    private static final Pattern DECLARATION = Pattern.compile(
            "<\\?xml[ \t\n\r]+version[ \t\n\r]*=[ \t\n\r]*(['\"])1\\.0\\1"
            + "([ \t\n\r]+encoding[ \t\n\r]*=[ \t\n\r]*(['\"])(?i:utf-8)\\3)?[ \t\n\r]*");

    /** The document, or for a streamed array a window of it ({@link #streamArray}). */
    private byte[] doc;
    private int end;
    private final XmlRpcLimits limits;
    private int pos;
    /** Reused for text; characters, so non-ASCII text is decoded once. */
    private char[] chars = new char[256];
    private int charCount;

    private XmlRpcFastReader(byte[] doc, int length, XmlRpcLimits limits) {
        this.doc = doc;
        this.end = length;
        this.limits = limits;
    }

    /** The response's value, or {@link #DEFER}. */
    static Object read(byte[] doc, int length, XmlRpcLimits limits) {
        if (length > limits.maxBytes()) {
            return DEFER;
        }
        try {
            return new XmlRpcFastReader(doc, length, limits).response();
        } catch (RuntimeException e) {
            // Defer, or a malformed number and the like: XmlRpcReader words the error.
            return DEFER;
        }
    }

    /**
     * Streams a response whose value is an array, handing each element to {@code sink} as soon as it is read; the
     * plain elements are read here from a window of the stream, so a {@code listTagged} of 100,000 builds is never in
     * memory whole. From the first element outside the plain shape on (or if the document does not start as a plain
     * array response), {@link XmlRpcReader} reads the rest, given the document's opening tags and the bytes from that
     * element on: the elements before it were plain, so it reads what it would have read from the start.
     *
     * @return how many elements were handed over
     */
    static long streamArray(InputStream in, XmlRpcLimits limits, Consumer<Object> sink) {
        XmlRpcFastReader reader = new XmlRpcFastReader(new byte[64 * 1024], 0, limits);
        reader.in = in;
        return reader.streamArray(sink);
    }

    /** The window of a streamed array and where it stands. */
    private InputStream in;
    private boolean eof;
    private long consumed;
    /** A read that failed after some bytes had come in the same call: reported on the next read. */
    private IOException failure;
    /** Where the element being read starts in the window. */
    private int mark;

    private long streamArray(Consumer<Object> sink) {
        while (true) {
            try {
                pos = 0;
                prolog();
                open("methodResponse");
                open("params");
                open("param");
                open("value");
                open("array");
                open("data");
                break;
            } catch (RuntimeException e) {
                if (!more()) {
                    // Not a plain array response (a fault, say): the StAX reader reads it from the start.
                    InputStream whole = new SequenceInputStream(new ByteArrayInputStream(doc, 0, end), in);
                    return new XmlRpcReader(whole, limits).responseArray(sink);
                }
            }
        }
        long count = 0;
        mark = pos;
        while (true) {
            Object element;
            try {
                pos = mark;
                skipSpace();
                if (closing("data")) {
                    close("array");
                    close("value");
                    close("param");
                    close("params");
                    close("methodResponse");
                    skipSpace();
                    if (pos != end || !eof) {
                        throw DEFERRED;
                    }
                    return count;
                }
                open("value");
                element = value(1);
            } catch (RuntimeException e) {
                if (more()) {
                    continue;
                }
                return count + handOver(sink);
            }
            sink.accept(element);
            count++;
            mark = pos;
        }
    }

    /**
     * Reads more of the stream into the window, keeping it from {@link #mark}; false at the end of the stream, past
     * {@link XmlRpcLimits#maxBytes()} or when one element fills {@link #WINDOW_MAX_BYTES}.
     */
    private boolean more() {
        if (eof || consumed > limits.maxBytes() || end - mark >= WINDOW_MAX_BYTES) {
            return false;
        }
        if (mark > 0) {
            System.arraycopy(doc, mark, doc, 0, end - mark);
            end -= mark;
            mark = 0;
        }
        // At least as many new bytes as the window holds (or the stream's end), so an element that arrives a few
        // bytes per read is parsed again a logarithmic number of times, not once per read.
        int want = Math.max(8192, end);
        if (doc.length - end < want) {
            doc = Arrays.copyOf(doc, end + want);
        }
        int target = end + want;
        int before = end;
        try {
            if (failure != null) {
                throw failure;
            }
            while (end < target) {
                int n = in.read(doc, end, (int) Math.min(target - end, limits.maxBytes() + 1 - consumed));
                if (n < 0) {
                    eof = true;
                    break;
                }
                end += n;
                consumed += n;
                if (consumed > limits.maxBytes()) {
                    break;
                }
            }
            return true;
        } catch (IOException e) {
            if (end > before) {
                // The elements that did arrive are handed over first, as a reader without a window would.
                failure = e;
                return true;
            }
            // As XmlRpcReader reports a broken stream.
            throw new UncheckedIOException("reading XML-RPC failed: " + e.getMessage(), e);
        }
    }

    /** The rest of a streamed array, from the element at {@link #mark} on, read by the StAX reader. */
    private long handOver(Consumer<Object> sink) {
        if (failure != null) {
            throw new UncheckedIOException("reading XML-RPC failed: " + failure.getMessage(), failure);
        }
        byte[] opening = ARRAY_RESPONSE_OPENING.getBytes(StandardCharsets.US_ASCII);
        long before = consumed - (end - mark);
        InputStream rest = new SequenceInputStream(java.util.Collections.enumeration(List.of(
                new ByteArrayInputStream(opening), new ByteArrayInputStream(doc, mark, end - mark), in)));
        // The same byte limit over the whole document: what was read before the mark counts, the opening does not.
        return new XmlRpcReader(rest, limits, before - opening.length).responseArray(sink);
    }

    private Object response() {
        prolog();
        open("methodResponse");
        open("params");
        open("param");
        open("value");
        Object value = value(0);
        close("param");
        close("params");
        close("methodResponse");
        skipSpace();
        if (pos != end) {
            throw DEFERRED;
        }
        return value;
    }

    /** An optional UTF-8 byte order mark and {@code <?xml version=... [encoding="utf-8"]?>}. */
    private void prolog() {
        if (end >= 3 && (doc[0] & 0xFF) == 0xEF && (doc[1] & 0xFF) == 0xBB && (doc[2] & 0xFF) == 0xBF) {
            pos = 3;
        }
        if (startsWith("<?xml") && pos + 5 < end && isSpace(doc[pos + 5])) {
            int close = indexOf((byte) '?', pos + 2);
            if (close < 0 || close + 1 >= end || doc[close + 1] != '>') {
                throw DEFERRED;
            }
            String declaration = new String(doc, pos, close - pos, StandardCharsets.US_ASCII);
            if (!DECLARATION.matcher(declaration).matches()) {
                throw DEFERRED;
            }
            pos = close + 2;
        }
    }

    /** The value whose {@code <value>} start tag was just read, through {@code </value>}. */
    private Object value(int depth) {
        int textStart = pos;
        skipSpace();
        if (pos + 1 < end && doc[pos] == '<' && doc[pos + 1] != '/') {
            // A typed value; the whitespace before it is not part of it.
            int nameStart = pos + 1;
            int nameEnd = nameEnd(nameStart);
            boolean empty = emptyTag(nameEnd);
            Object typed = typed(nameStart, nameEnd, empty, depth);
            skipSpace();
            close("value");
            return typed;
        }
        // The spec: a value without a type element is a string (whitespace included).
        pos = textStart;
        String untyped = text();
        close("value");
        return untyped;
    }

    private Object typed(int nameStart, int nameEnd, boolean empty, int depth) {
        String type = name(nameStart, nameEnd);
        if (empty) {
            // <nil/> and <string/>, <struct/> are all legal empty elements; only the common ones are read here.
            return switch (type) {
                case "nil" -> null;
                case "string" -> "";
                default -> throw DEFERRED;
            };
        }
        switch (type) {
            case "string":
                return textThenClose(type);
            case "int", "i4":
                return Integer.valueOf(textThenClose(type).strip());
            case "i8":
                return Long.valueOf(textThenClose(type).strip());
            case "boolean": {
                String b = textThenClose(type).strip();
                if (b.equals("1")) {
                    return Boolean.TRUE;
                }
                if (b.equals("0")) {
                    return Boolean.FALSE;
                }
                throw DEFERRED;
            }
            case "nil": {
                if (!textThenClose(type).isBlank()) {
                    throw DEFERRED;
                }
                return null;
            }
            case "struct":
                return struct(deeper(depth));
            case "array":
                return array(deeper(depth));
            default:
                // double, dateTime.iso8601, base64, i1, i2: rare in Koji's answers; XmlRpcReader reads them.
                throw DEFERRED;
        }
    }

    private int deeper(int depth) {
        if (depth + 1 > limits.maxDepth()) {
            throw DEFERRED;
        }
        return depth + 1;
    }

    private Map<String, Object> struct(int depth) {
        Map<String, Object> members = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (closing("struct")) {
                return members;
            }
            open("member");
            skipSpace();
            open("name");
            String name = textThenClose("name");
            skipSpace();
            open("value");
            members.put(name, value(depth));
            skipSpace();
            close("member");
        }
    }

    private List<Object> array(int depth) {
        List<Object> items = new ArrayList<>();
        skipSpace();
        open("data");
        while (true) {
            skipSpace();
            if (closing("data")) {
                break;
            }
            open("value");
            items.add(value(depth));
        }
        skipSpace();
        close("array");
        return items;
    }

    // ---- tags

    /** Reads {@code <name>} after optional whitespace. */
    private void open(String name) {
        skipSpace();
        int close = pos + 1 + name.length();
        if (close < end && doc[pos] == '<' && doc[close] == '>' && matches(pos + 1, close, name)) {
            pos = close + 1;
            return;
        }
        if (pos >= end || doc[pos] != '<') {
            throw DEFERRED;
        }
        int nameEnd = nameEnd(pos + 1);
        if (!matches(pos + 1, nameEnd, name) || emptyTag(nameEnd)) {
            throw DEFERRED;
        }
    }

    /** Reads {@code </name>} after optional whitespace. */
    private void close(String name) {
        skipSpace();
        if (!closing(name)) {
            throw DEFERRED;
        }
    }

    /** Reads {@code </name>} if it is next (no whitespace skipped), else leaves the position alone. */
    private boolean closing(String name) {
        int close = pos + 2 + name.length();
        if (close < end && doc[pos] == '<' && doc[pos + 1] == '/' && doc[close] == '>'
                && matches(pos + 2, close, name)) {
            pos = close + 1;
            return true;
        }
        if (pos + 2 >= end || doc[pos] != '<' || doc[pos + 1] != '/') {
            return false;
        }
        int nameEnd = nameEnd(pos + 2);
        if (!matches(pos + 2, nameEnd, name)) {
            throw DEFERRED;
        }
        int p = nameEnd;
        while (p < end && isSpace(doc[p])) {
            p++;
        }
        if (p >= end || doc[p] != '>') {
            throw DEFERRED;
        }
        pos = p + 1;
        return true;
    }

    /** The end of a tag name starting at {@code from}: ASCII letters, digits, '.', '-', '_' (no prefix). */
    private int nameEnd(int from) {
        int p = from;
        while (p < end) {
            byte b = doc[p];
            if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' && p > from
                    || (b == '.' || b == '-' || b == '_') && p > from) {
                p++;
            } else {
                break;
            }
        }
        if (p == from) {
            throw DEFERRED;
        }
        return p;
    }

    /** After a start tag's name: {@code >} (false) or {@code />} (true), with optional whitespace; no attributes. */
    private boolean emptyTag(int nameEnd) {
        int p = nameEnd;
        while (p < end && isSpace(doc[p])) {
            p++;
        }
        if (p < end && doc[p] == '>') {
            pos = p + 1;
            return false;
        }
        if (p + 1 < end && doc[p] == '/' && doc[p + 1] == '>') {
            pos = p + 2;
            return true;
        }
        throw DEFERRED;
    }

    private boolean matches(int from, int to, String name) {
        if (to - from != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (doc[from + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String name(int from, int to) {
        return new String(doc, from, to - from, StandardCharsets.ISO_8859_1);
    }

    // ---- text

    /** Text up to {@code </type>}, which it reads. */
    private String textThenClose(String type) {
        String text = text();
        if (!closing(type)) {
            throw DEFERRED;
        }
        return text;
    }

    /** Character data up to the next '<' (left unread), entities and character references resolved. */
    private String text() {
        int start = pos;
        boolean ascii = true;
        int p = pos;
        // The common case: plain ASCII with no reference, made into a string in one go.
        while (p < end) {
            byte b = doc[p];
            if (b == '<') {
                break;
            }
            if (b < 0x20 || b == '&' || b == '>') {
                if (b == '\t' || b == '\n' || b == '>' && !cdataEnd(p)) {
                    p++;
                    continue;
                }
                ascii = false;
                break;
            }
            p++;
        }
        if (ascii) {
            if (p >= end) {
                throw DEFERRED;
            }
            checkLength(p - start);
            pos = p;
            return new String(doc, start, p - start, StandardCharsets.ISO_8859_1);
        }
        return decodedText(start);
    }

    /** Text with references, non-ASCII or control bytes: decoded character by character. */
    private String decodedText(int start) {
        charCount = 0;
        int p = start;
        while (true) {
            if (p >= end) {
                throw DEFERRED;
            }
            int b = doc[p] & 0xFF;
            if (b == '<') {
                break;
            }
            if (b == '&') {
                p = reference(p);
            } else if (b < 0x80) {
                if (b < 0x20 && b != '\t' && b != '\n' || b == '>' && cdataEnd(p)) {
                    // A carriage return (the parser turns it into a line feed), a control character, "]]>".
                    throw DEFERRED;
                }
                put((char) b);
                p++;
            } else {
                p = utf8(p, b);
            }
            checkLength(charCount);
        }
        pos = p;
        return new String(chars, 0, charCount);
    }

    /** Whether the '>' at {@code p} ends "]]>", which XML forbids in text. */
    private boolean cdataEnd(int p) {
        return p >= 2 && doc[p - 1] == ']' && doc[p - 2] == ']';
    }

    private int reference(int p) {
        int semicolon = -1;
        for (int q = p + 1; q < end && q < p + 12; q++) {
            if (doc[q] == ';') {
                semicolon = q;
                break;
            }
        }
        if (semicolon < 0) {
            throw DEFERRED;
        }
        String name = new String(doc, p + 1, semicolon - p - 1, StandardCharsets.ISO_8859_1);
        switch (name) {
            case "lt" -> put('<');
            case "gt" -> put('>');
            case "amp" -> put('&');
            case "quot" -> put('"');
            case "apos" -> put('\'');
            default -> {
                if (name.length() < 2 || name.charAt(0) != '#') {
                    throw DEFERRED;
                }
                boolean hex = name.charAt(1) == 'x';
                String digits = name.substring(hex ? 2 : 1);
                if (digits.isEmpty() || digits.charAt(0) == '+' || digits.charAt(0) == '-') {
                    throw DEFERRED;
                }
                int cp = Integer.parseInt(digits, hex ? 16 : 10);
                putCodePoint(cp);
            }
        }
        return semicolon + 1;
    }

    /** One UTF-8 sequence starting with {@code lead} at {@code p}; anything malformed defers. */
    private int utf8(int p, int lead) {
        int length;
        int cp;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            cp = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            cp = lead & 0x0F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            cp = lead & 0x07;
        } else {
            throw DEFERRED;
        }
        if (p + length > end) {
            throw DEFERRED;
        }
        for (int i = 1; i < length; i++) {
            int b = doc[p + i] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                throw DEFERRED;
            }
            cp = cp << 6 | b & 0x3F;
        }
        // Overlong forms and surrogates are malformed UTF-8.
        if (length == 3 && cp < 0x800 || length == 4 && (cp < 0x10000 || cp > 0x10FFFF)) {
            throw DEFERRED;
        }
        putCodePoint(cp);
        return p + length;
    }

    /** A character XML 1.0 allows (its Char production), else defer. */
    private void putCodePoint(int cp) {
        if (cp == 0x9 || cp == 0xA || cp >= 0x20 && cp <= 0xD7FF || cp >= 0xE000 && cp <= 0xFFFD) {
            put((char) cp);
        } else if (cp >= 0x10000 && cp <= 0x10FFFF) {
            put(Character.highSurrogate(cp));
            put(Character.lowSurrogate(cp));
        } else {
            // Includes &#13;, which the StAX reader keeps as a carriage return: it reads those.
            throw DEFERRED;
        }
    }

    private void put(char c) {
        if (charCount == chars.length) {
            chars = Arrays.copyOf(chars, charCount * 2);
        }
        chars[charCount++] = c;
    }

    private void checkLength(int length) {
        if (length > limits.maxStringChars()) {
            throw DEFERRED;
        }
    }

    // ---- bytes

    private void skipSpace() {
        while (pos < end && isSpace(doc[pos])) {
            pos++;
        }
    }

    /** XML whitespace without the carriage return (line ends are normalised by the parser; it reads those). */
    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\t';
    }

    private boolean startsWith(String s) {
        if (pos + s.length() > end) {
            return false;
        }
        return matches(pos, pos + s.length(), s);
    }

    private int indexOf(byte b, int from) {
        for (int p = from; p < end; p++) {
            if (doc[p] == b) {
                return p;
            }
        }
        return -1;
    }
}
