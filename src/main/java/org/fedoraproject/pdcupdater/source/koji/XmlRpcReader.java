package org.fedoraproject.pdcupdater.source.koji;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Pulls one XML-RPC document off a stream with StAX and turns it into plain Java values:
 * {@code Map<String,Object>} (struct, in document order), {@code List<Object>} (array),
 * {@code String}, {@code Integer} (int/i4), {@code Long} (i8), {@code Boolean}, {@code Double},
 * {@code byte[]} (base64), {@code LocalDateTime} (dateTime.iso8601, UTC when the text has an
 * offset) and {@code null} (nil).
 *
 * <p>Strict about structure (an unknown element is an error, not something to skip), and every
 * read is bounded by {@link XmlRpcLimits}. One instance reads one document.
 */
final class XmlRpcReader implements AutoCloseable {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern DOUBLE = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    /** Python writes 20170905T20:18:39; other peers add dashes, fractions or an offset. */
    private static final DateTimeFormatter ISO8601 = new DateTimeFormatterBuilder()
            .appendPattern("[yyyyMMdd][yyyy-MM-dd]'T'HH[:]mm[:]ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private final LimitedInputStream in;
    private final XmlRpcLimits limits;
    private final XMLStreamReader xml;

    XmlRpcReader(InputStream body, XmlRpcLimits limits) {
        this(body, limits, 0);
    }

    /** @param counted bytes of the document read before {@code body} (negative for bytes put in front of it) */
    XmlRpcReader(InputStream body, XmlRpcLimits limits, long counted) {
        this.in = new LimitedInputStream(body, limits.maxBytes(), counted);
        this.limits = limits;
        try {
            this.xml = SafeXml.inputFactory().createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw translate(e);
        }
    }

    /** The response's value; a {@code <fault>} becomes a {@link KojiFaultException}. */
    Object response() {
        return guarded(() -> {
            responseStart();
            Object result = value(0);
            responseEnd();
            return result;
        });
    }

    /**
     * Hands each element of the response's top-level array to {@code sink} as soon as it is read,
     * so only one element is in memory at a time.
     *
     * @return how many elements were handed over
     */
    long responseArray(Consumer<Object> sink) {
        return guarded(() -> {
            responseStart();
            if (nextElement() != XMLStreamConstants.START_ELEMENT || !"array".equals(xml.getLocalName())) {
                throw new XmlRpcException("expected an array response, found " + describe());
            }
            long count = arrayElements(1, sink);
            expectEnd("value");
            responseEnd();
            return count;
        });
    }

    /** A {@code <methodCall>} as a server receives it. */
    XmlRpcCall call() {
        return guarded(() -> {
            expectRoot("methodCall");
            expectStart("methodName");
            String name = text();
            List<Object> params = new ArrayList<>();
            int event = nextElement();
            if (event == XMLStreamConstants.START_ELEMENT) {
                requireName("params");
                while (nextElement() == XMLStreamConstants.START_ELEMENT) {
                    requireName("param");
                    expectStart("value");
                    params.add(value(0));
                    expectEnd("param");
                }
                requireName("params");
                expectEnd("methodCall");
            } else {
                requireName("methodCall");
            }
            documentEnd();
            return new XmlRpcCall(name, params);
        });
    }

    @Override
    public void close() {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // Nothing left to read; closing the parser only releases its buffers.
        }
    }

    private void responseStart() throws XMLStreamException {
        expectRoot("methodResponse");
        if (nextElement() != XMLStreamConstants.START_ELEMENT) {
            throw new XmlRpcException("empty methodResponse");
        }
        if ("fault".equals(xml.getLocalName())) {
            expectStart("value");
            throw fault(value(0));
        }
        requireName("params");
        expectStart("param");
        expectStart("value");
    }

    private void responseEnd() throws XMLStreamException {
        expectEnd("param");
        expectEnd("params");
        expectEnd("methodResponse");
        documentEnd();
    }

    private static KojiFaultException fault(Object value) {
        if (value instanceof Map<?, ?> struct && struct.get("faultCode") instanceof Integer code
                && struct.get("faultString") instanceof String string) {
            return new KojiFaultException(code, string);
        }
        throw new XmlRpcException("malformed fault: " + value);
    }

    /** Reads the value whose {@code <value>} start tag was just consumed, through its end tag. */
    private Object value(int depth) throws XMLStreamException {
        StringBuilder untyped = new StringBuilder();
        while (true) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE, XMLStreamConstants.CDATA ->
                        append(untyped);
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> { }
                case XMLStreamConstants.START_ELEMENT -> {
                    if (!untyped.toString().isBlank()) {
                        throw new XmlRpcException("text mixed with a typed value at " + where());
                    }
                    Object typed = typed(xml.getLocalName(), depth);
                    expectEnd("value");
                    return typed;
                }
                // The spec: a value without a type element is a string.
                case XMLStreamConstants.END_ELEMENT -> {
                    return untyped.toString();
                }
                default -> throw unexpected(event);
            }
        }
    }

    private Object typed(String type, int depth) throws XMLStreamException {
        try {
            switch (type) {
                case "string":
                    return text();
                case "int", "i4", "i1", "i2":
                    return Integer.valueOf(text().strip());
                case "i8":
                    return Long.valueOf(text().strip());
                case "boolean":
                    return bool(text().strip());
                case "double":
                    return real(text().strip());
                case "dateTime.iso8601":
                    return dateTime(text().strip());
                case "base64":
                    // Line breaks are allowed (Python wraps at 76); anything else outside base64 is not.
                    return Base64.getDecoder().decode(WHITESPACE.matcher(text()).replaceAll(""));
                case "nil":
                    if (!text().isBlank()) {
                        throw new XmlRpcException("nil with content at " + where());
                    }
                    return null;
                case "struct":
                    return struct(deeper(depth));
                case "array":
                    return array(deeper(depth));
                default:
                    throw new XmlRpcException("unknown XML-RPC type <" + type + "> at " + where());
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // NumberFormatException and Base64's complaint are both IllegalArgumentExceptions.
            throw new XmlRpcException("bad <" + type + "> value at " + where() + ": " + e.getMessage(), e);
        }
    }

    private int deeper(int depth) {
        if (depth + 1 > limits.maxDepth()) {
            throw new XmlRpcLimitExceededException("XML-RPC value nested deeper than " + limits.maxDepth()
                    + " arrays/structs at " + where());
        }
        return depth + 1;
    }

    private Map<String, Object> struct(int depth) throws XMLStreamException {
        Map<String, Object> members = new LinkedHashMap<>();
        while (nextElement() == XMLStreamConstants.START_ELEMENT) {
            requireName("member");
            expectStart("name");
            String name = text();
            expectStart("value");
            members.put(name, value(depth));
            expectEnd("member");
        }
        requireName("struct");
        return members;
    }

    private List<Object> array(int depth) throws XMLStreamException {
        List<Object> items = new ArrayList<>();
        arrayElements(depth, items::add);
        return items;
    }

    /** Reads {@code <data>...</data></array>}, handing each element over as soon as it is complete. */
    private long arrayElements(int depth, Consumer<Object> sink) throws XMLStreamException {
        long count = 0;
        expectStart("data");
        while (nextElement() == XMLStreamConstants.START_ELEMENT) {
            requireName("value");
            sink.accept(value(depth));
            count++;
        }
        requireName("data");
        expectEnd("array");
        return count;
    }

    private static Boolean bool(String text) {
        return switch (text) {
            case "1" -> Boolean.TRUE;
            case "0" -> Boolean.FALSE;
            default -> throw new XmlRpcException("boolean must be 0 or 1, not '" + text + "'");
        };
    }

    private static Double real(String text) {
        if (!DOUBLE.matcher(text).matches()) {
            throw new XmlRpcException("not an XML-RPC double: '" + text + "'");
        }
        return Double.valueOf(text);
    }

    private static LocalDateTime dateTime(String text) {
        var parsed = ISO8601.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof OffsetDateTime withOffset) {
            return withOffset.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        return (LocalDateTime) parsed;
    }

    /** Text content up to the current element's end tag; child elements are an error. */
    private String text() throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE, XMLStreamConstants.CDATA -> append(text);
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> { }
                case XMLStreamConstants.END_ELEMENT -> {
                    return text.toString();
                }
                default -> throw unexpected(event);
            }
        }
    }

    private void append(StringBuilder text) {
        int length = xml.getTextLength();
        if ((long) text.length() + length > limits.maxStringChars()) {
            throw new XmlRpcLimitExceededException("XML-RPC string longer than " + limits.maxStringChars()
                    + " characters at " + where());
        }
        text.append(xml.getTextCharacters(), xml.getTextStart(), length);
    }

    /** Skips whitespace, comments and processing instructions to the next start or end tag. */
    private int nextElement() throws XMLStreamException {
        while (true) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT, XMLStreamConstants.END_ELEMENT -> {
                    return event;
                }
                case XMLStreamConstants.SPACE, XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> { }
                case XMLStreamConstants.CHARACTERS -> {
                    if (!xml.isWhiteSpace()) {
                        throw new XmlRpcException("unexpected text '" + abbreviate(xml.getText()) + "' at " + where());
                    }
                }
                default -> throw unexpected(event);
            }
        }
    }

    /** Moves to the root element, refusing any DOCTYPE on the way. */
    private void expectRoot(String name) throws XMLStreamException {
        while (true) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    requireName(name);
                    return;
                }
                case XMLStreamConstants.SPACE, XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> { }
                case XMLStreamConstants.CHARACTERS -> {
                    if (!xml.isWhiteSpace()) {
                        throw new XmlRpcException("text before the root element");
                    }
                }
                default -> throw unexpected(event);
            }
        }
    }

    private void documentEnd() throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.END_DOCUMENT -> {
                    return;
                }
                case XMLStreamConstants.SPACE, XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> { }
                case XMLStreamConstants.CHARACTERS -> {
                    if (!xml.isWhiteSpace()) {
                        throw new XmlRpcException("text after the root element");
                    }
                }
                default -> throw unexpected(event);
            }
        }
    }

    private void expectStart(String name) throws XMLStreamException {
        if (nextElement() != XMLStreamConstants.START_ELEMENT) {
            throw new XmlRpcException("expected <" + name + ">, found " + describe());
        }
        requireName(name);
    }

    private void expectEnd(String name) throws XMLStreamException {
        if (nextElement() != XMLStreamConstants.END_ELEMENT) {
            throw new XmlRpcException("expected </" + name + ">, found " + describe());
        }
        requireName(name);
    }

    private void requireName(String name) {
        if (!name.equals(xml.getLocalName())) {
            throw new XmlRpcException("expected " + name + ", found " + describe());
        }
    }

    private XmlRpcException unexpected(int event) {
        return switch (event) {
            case XMLStreamConstants.DTD -> new XmlRpcException(
                    "DOCTYPE is not allowed in XML-RPC (refused: it could declare external or expanding entities)");
            case XMLStreamConstants.ENTITY_REFERENCE -> new XmlRpcException(
                    "entity reference &" + xml.getLocalName() + "; is not allowed in XML-RPC at " + where());
            case XMLStreamConstants.START_ELEMENT, XMLStreamConstants.END_ELEMENT ->
                    new XmlRpcException("unexpected " + describe());
            case XMLStreamConstants.END_DOCUMENT -> new XmlRpcException("document ended early");
            default -> new XmlRpcException("unexpected XML event " + event + " at " + where());
        };
    }

    private String describe() {
        return switch (xml.getEventType()) {
            case XMLStreamConstants.START_ELEMENT -> "<" + xml.getLocalName() + "> at " + where();
            case XMLStreamConstants.END_ELEMENT -> "</" + xml.getLocalName() + "> at " + where();
            default -> "XML event " + xml.getEventType() + " at " + where();
        };
    }

    private String where() {
        var location = xml.getLocation();
        return "line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }

    private static String abbreviate(String text) {
        String stripped = text.strip();
        return stripped.length() <= 40 ? stripped : stripped.substring(0, 40) + "...";
    }

    private interface Body<T> {
        T read() throws XMLStreamException;
    }

    private <T> T guarded(Body<T> body) {
        try {
            return body.read();
        } catch (XMLStreamException e) {
            throw translate(e);
        } catch (XmlRpcException e) {
            // The parser may have failed on a limit while we were already past it (e.g. lookahead).
            if (in.exceeded() && !(e instanceof XmlRpcLimitExceededException)) {
                throw tooLarge();
            }
            throw e;
        } finally {
            close();
        }
    }

    /** Sorts a parser failure into: over a limit, I/O (the connection broke), or not XML-RPC. */
    private RuntimeException translate(XMLStreamException e) {
        if (in.exceeded()) {
            return tooLarge();
        }
        for (Throwable cause = e; cause != null; cause = next(cause)) {
            if (cause instanceof IOException io) {
                return new UncheckedIOException("reading XML-RPC failed: " + io.getMessage(), io);
            }
        }
        return new XmlRpcException("malformed XML-RPC: " + e.getMessage(), e);
    }

    private XmlRpcLimitExceededException tooLarge() {
        return new XmlRpcLimitExceededException("XML-RPC document larger than " + in.limit() + " bytes");
    }

    private static Throwable next(Throwable t) {
        if (t instanceof XMLStreamException x && x.getNestedException() != null && x.getNestedException() != t) {
            return x.getNestedException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
