package org.fedoraproject.pdcupdater.source.koji;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes XML-RPC documents straight to a {@link Writer}, element by element, so a large array
 * (an {@link Iterable} computed on the fly) is never built as one string.
 *
 * <p>Written by hand rather than with {@code XMLStreamWriter} because XML-RPC needs exact control
 * over text: a carriage return must go out as {@code &#13;} or the receiving parser turns it into
 * a line feed, and characters XML 1.0 cannot carry (NUL, unpaired surrogates) must be refused here
 * instead of producing a document the hub rejects.
 */
final class XmlRpcWriter {

    /** Python's xmlrpc.client writes and reads exactly this form. */
    private static final DateTimeFormatter ISO8601 = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm:ss");

    private final Writer out;
    private final int maxDepth;

    XmlRpcWriter(Writer out, int maxDepth) {
        this.out = out;
        this.maxDepth = maxDepth;
    }

    void methodCall(String methodName, List<?> params) throws IOException {
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<methodCall><methodName>");
        text(methodName);
        out.write("</methodName><params>");
        for (Object param : params) {
            out.write("<param>");
            value(param, 0);
            out.write("</param>");
        }
        out.write("</params></methodCall>\n");
    }

    void methodResponse(Object result) throws IOException {
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<methodResponse><params><param>");
        value(result, 0);
        out.write("</param></params></methodResponse>\n");
    }

    void fault(int faultCode, String faultString) throws IOException {
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<methodResponse><fault>");
        value(Map.of("faultCode", faultCode, "faultString", faultString), 0);
        out.write("</fault></methodResponse>\n");
    }

    private void value(Object given, int depth) throws IOException {
        Object value = utcIfZoned(given);
        out.write("<value>");
        if (value == null) {
            // Koji (allow_none) and Python's xmlrpc.client both read the <nil/> extension.
            out.write("<nil/>");
        } else if (value instanceof CharSequence s) {
            out.write("<string>");
            text(s);
            out.write("</string>");
        } else if (value instanceof Boolean b) {
            out.write(b ? "<boolean>1</boolean>" : "<boolean>0</boolean>");
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            simple("int", value.toString());
        } else if (value instanceof Long l) {
            integer(l);
        } else if (value instanceof BigInteger big) {
            if (big.bitLength() > 63) {
                throw new IllegalArgumentException("integer exceeds XML-RPC i8 range: " + big);
            }
            integer(big.longValue());
        } else if (value instanceof Double || value instanceof Float) {
            floating((Number) value);
        } else if (value instanceof byte[] bytes) {
            simple("base64", Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof LocalDateTime time) {
            simple("dateTime.iso8601", ISO8601.format(time.truncatedTo(ChronoUnit.SECONDS)));
        } else if (value instanceof Map<?, ?> map) {
            struct(map, nested(depth));
        } else if (value instanceof Iterable<?> items) {
            array(items, nested(depth));
        } else if (value instanceof Object[] items) {
            array(List.of(items), nested(depth));
        } else {
            throw new IllegalArgumentException("XML-RPC cannot carry a " + value.getClass().getName());
        }
        out.write("</value>");
    }

    /** XML-RPC datetimes carry no zone; instants go out as UTC. */
    private static Object utcIfZoned(Object value) {
        if (value instanceof Instant instant) {
            return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime time) {
            return time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (value instanceof ZonedDateTime time) {
            return time.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        return value;
    }

    /** Guards against cyclic structures and against writing what our own reader would refuse. */
    private int nested(int depth) {
        if (depth + 1 > maxDepth) {
            throw new IllegalArgumentException("value nested deeper than " + maxDepth + " arrays/structs");
        }
        return depth + 1;
    }

    /** Koji's ExtendedMarshaller: {@code <int>} when it fits 32 bits, the {@code <i8>} extension otherwise. */
    private void integer(long l) throws IOException {
        simple(l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? "int" : "i8", Long.toString(l));
    }

    private void floating(Number number) throws IOException {
        double d = number.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("XML-RPC cannot carry " + d);
        }
        // The XML-RPC spec has no exponent notation; the plain form of the shortest repr is exact.
        String shortest = number instanceof Float ? Float.toString(number.floatValue()) : Double.toString(d);
        simple("double", new BigDecimal(shortest).toPlainString());
    }

    private void struct(Map<?, ?> map, int depth) throws IOException {
        out.write("<struct>");
        for (Map.Entry<?, ?> member : map.entrySet()) {
            if (!(member.getKey() instanceof String name)) {
                throw new IllegalArgumentException("XML-RPC struct keys must be strings, not " + member.getKey());
            }
            out.write("<member><name>");
            text(name);
            out.write("</name>");
            value(member.getValue(), depth);
            out.write("</member>");
        }
        out.write("</struct>");
    }

    private void array(Iterable<?> items, int depth) throws IOException {
        out.write("<array><data>");
        for (Object item : items) {
            value(item, depth);
        }
        out.write("</data></array>");
    }

    private void simple(String type, String content) throws IOException {
        out.write('<');
        out.write(type);
        out.write('>');
        out.write(content);
        out.write("</");
        out.write(type);
        out.write('>');
    }

    /** Escapes as needed, writing runs of plain characters in one call (this is the hot loop). */
    private void text(CharSequence s) throws IOException {
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escaped;
            switch (c) {
                case '<' -> escaped = "&lt;";
                case '>' -> escaped = "&gt;";
                case '&' -> escaped = "&amp;";
                case '\r' -> escaped = "&#13;";
                default -> {
                    if (c >= 0x20 && c < 0xD800 || c == '\t' || c == '\n' || c >= 0xE000 && c <= 0xFFFD) {
                        continue;
                    }
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        i++;
                        continue;
                    }
                    throw new IllegalArgumentException(String.format(
                            "XML 1.0 cannot carry character U+%04X (at index %d)", (int) c, i));
                }
            }
            out.append(s, run, i);
            out.write(escaped);
            run = i + 1;
        }
        out.append(s, run, s.length());
    }
}
