package org.fedoraproject.pdcupdater.fedmsg;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;

/**
 * The byte-exact JSON form that fedmsg signs: Python's
 * {@code json.dumps(obj, sort_keys=True, separators=(',', ':'), ensure_ascii=True)}
 * (fedmsg.encoding.dumps), applied to a Jackson tree.
 *
 * <ul>
 *   <li>object keys sorted by Unicode code point (Python {@code str} order; differs from
 *       {@link String#compareTo} for characters above U+FFFF), no whitespace;</li>
 *   <li>strings: {@code \" \\ \n \r \t \b \f}, every other character below U+0020, DEL and everything
 *       above U+007E as lower-case {@code \\uXXXX}, characters above U+FFFF as their two UTF-16
 *       surrogates (exactly what Python's {@code ensure_ascii} encoder does);</li>
 *   <li>integers exact (any size); floating-point numbers as Python's {@code repr(float)}: shortest
 *       round-trip digits, fixed notation for 1e-4 &lt;= |x| &lt; 1e16 with at least one digit after
 *       the point, otherwise {@code 1e+16}, {@code 5e-324}, {@code 1.2345678901234568e+16};
 *       {@code NaN}, {@code Infinity}, {@code -Infinity} as Python writes them.</li>
 * </ul>
 *
 * <p>The tree must come from parsing JSON the way Python does, i.e. floats as {@code double}
 * ({@link com.fasterxml.jackson.databind.node.DoubleNode}) and integers exact (int/long/BigInteger
 * nodes) - which is Jackson's default. A {@code DecimalNode}/{@code FloatNode} is written as the
 * Python float of its {@code double} value. The output is pure ASCII.
 *
 * <p>Thread-safe; uses a per-thread scratch buffer.
 */
public final class CanonicalJson {

    /** Top-level keys that fedmsg removes before signing/verifying ({@code fedmsg.crypto.strip_credentials}). */
    public static final String SIGNATURE = "signature";
    public static final String CERTIFICATE = "certificate";

    private static final int KEEP_BUFFER_MAX = 1 << 20;
    private static final ThreadLocal<Out> SCRATCH = ThreadLocal.withInitial(() -> new Out(8192));

    /** Escape table for ASCII: 0 = write as is, otherwise the character after the backslash. */
    private static final byte[] ESCAPE = new byte[128];
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE[c] = 'u';
        }
        ESCAPE[0x7f] = 'u';
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
        ESCAPE['\n'] = 'n';
        ESCAPE['\r'] = 'r';
        ESCAPE['\t'] = 't';
        ESCAPE['\b'] = 'b';
        ESCAPE['\f'] = 'f';
    }

    /** Orders strings the way Python orders {@code str}: by Unicode code point. */
    public static final Comparator<String> CODE_POINT_ORDER = CanonicalJson::compareCodePoints;

    private static final Comparator<Map.Entry<String, JsonNode>> ENTRY_ORDER =
            (a, b) -> compareCodePoints(a.getKey(), b.getKey());

    private CanonicalJson() {
    }

    /** Canonical form of any JSON value, as ASCII bytes. */
    public static byte[] encode(JsonNode node) {
        return run(node, false);
    }

    /** Canonical form of any JSON value, as a string. */
    public static String encodeToString(JsonNode node) {
        return new String(encode(node), StandardCharsets.ISO_8859_1);
    }

    /**
     * The bytes fedmsg signs: the envelope without its top-level {@code signature} and
     * {@code certificate} keys, in canonical form. The envelope is not modified.
     */
    public static byte[] signedForm(ObjectNode envelope) {
        return run(envelope, true);
    }

    private static byte[] run(JsonNode node, boolean stripCredentials) {
        Out out = SCRATCH.get();
        out.len = 0;
        try {
            if (stripCredentials) {
                writeObject((ObjectNode) node, out, true);
            } else {
                writeValue(node, out);
            }
            return Arrays.copyOf(out.buf, out.len);
        } finally {
            if (out.buf.length > KEEP_BUFFER_MAX) {
                SCRATCH.remove();
            }
        }
    }

    private static void writeValue(JsonNode node, Out out) {
        switch (node.getNodeType()) {
            case OBJECT:
                writeObject((ObjectNode) node, out, false);
                break;
            case ARRAY:
                writeArray(node, out);
                break;
            case STRING:
                writeString(node.textValue(), out);
                break;
            case NUMBER:
                writeNumber(node, out);
                break;
            case BOOLEAN:
                out.ascii(node.booleanValue() ? "true" : "false");
                break;
            case NULL:
                out.ascii("null");
                break;
            default:
                throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    @SuppressWarnings("unchecked")
    private static void writeObject(ObjectNode node, Out out, boolean stripCredentials) {
        int size = node.size();
        if (size == 0) {
            out.ascii("{}");
            return;
        }
        Map.Entry<String, JsonNode>[] entries = new Map.Entry[size];
        int m = 0;
        boolean sorted = true;
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (stripCredentials) {
                String k = e.getKey();
                if (k.equals(SIGNATURE) || k.equals(CERTIFICATE)) {
                    continue;
                }
            }
            if (sorted && m > 0 && compareCodePoints(entries[m - 1].getKey(), e.getKey()) > 0) {
                sorted = false;
            }
            entries[m++] = e;
        }
        if (!sorted) {
            Arrays.sort(entries, 0, m, ENTRY_ORDER);
        }
        out.put('{');
        for (int k = 0; k < m; k++) {
            if (k > 0) {
                out.put(',');
            }
            writeString(entries[k].getKey(), out);
            out.put(':');
            writeValue(entries[k].getValue(), out);
        }
        out.put('}');
    }

    private static void writeArray(JsonNode node, Out out) {
        out.put('[');
        Iterator<JsonNode> it = node.elements();
        boolean first = true;
        while (it.hasNext()) {
            if (!first) {
                out.put(',');
            }
            first = false;
            writeValue(it.next(), out);
        }
        out.put(']');
    }

    private static void writeNumber(JsonNode node, Out out) {
        switch (node.numberType()) {
            case INT:
            case LONG:
                out.ascii(Long.toString(node.longValue()));
                break;
            case BIG_INTEGER:
                out.ascii(node.bigIntegerValue().toString());
                break;
            default: // FLOAT, DOUBLE, BIG_DECIMAL: Python holds these as float (double)
                out.ascii(pythonFloatRepr(node.doubleValue()));
                break;
        }
    }

    private static void writeString(String s, Out out) {
        int n = s.length();
        out.reserve(n + 2);
        byte[] b = out.buf;
        int p = out.len;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80 && ESCAPE[c] == 0) {
                b[p++] = (byte) c;
                continue;
            }
            // An escape takes at most 6 bytes; keep room for the rest of the string and the quote.
            int need = p + 6 + (n - i - 1) + 1;
            if (need > b.length) {
                out.len = p;
                out.reserve(6 + (n - i - 1) + 1);
                b = out.buf;
            }
            b[p++] = '\\';
            byte e = c < 0x80 ? ESCAPE[c] : (byte) 'u';
            if (e != 'u') {
                b[p++] = e;
            } else {
                b[p++] = 'u';
                b[p++] = HEX[(c >>> 12) & 0xf];
                b[p++] = HEX[(c >>> 8) & 0xf];
                b[p++] = HEX[(c >>> 4) & 0xf];
                b[p++] = HEX[c & 0xf];
            }
        }
        b[p++] = '"';
        out.len = p;
    }

    /**
     * Compares two strings by Unicode code point, like Python compares {@code str} (a lone surrogate
     * counts as its own code point, as in Python). Equal to {@link String#compareTo} unless a surrogate
     * is involved at the first difference.
     */
    public static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                if (!Character.isSurrogate(ca) && !Character.isSurrogate(cb)) {
                    return ca - cb;
                }
                int j = i;
                if (j > 0 && Character.isHighSurrogate(a.charAt(j - 1))) {
                    j--; // same high surrogate in both: compare whole code points from there
                }
                return Integer.compare(a.codePointAt(j), b.codePointAt(j));
            }
        }
        return a.length() - b.length();
    }

    /**
     * Python's {@code repr(float)} (and thus {@code json.dumps}) for a double, e.g.
     * {@code 1504642719.23539}, {@code 1.0}, {@code -0.0}, {@code 1e+16}, {@code 1e-05}, {@code 5e-324},
     * {@code NaN}, {@code Infinity}.
     */
    public static String pythonFloatRepr(double d) {
        if (d != d) {
            return "NaN";
        }
        if (d == Double.POSITIVE_INFINITY) {
            return "Infinity";
        }
        if (d == Double.NEGATIVE_INFINITY) {
            return "-Infinity";
        }
        if (d == 0.0) {
            return Double.doubleToRawLongBits(d) < 0 ? "-0.0" : "0.0";
        }
        boolean negative = d < 0;
        double a = Math.abs(d);

        // Shortest decimal that rounds to a (Schubfach, the algorithm of JDK 19+ Double.toString).
        String j = DoubleToDecimal.toString(a);
        int ePos = j.indexOf('E');
        int exp = ePos < 0 ? 0 : Integer.parseInt(j, ePos + 1, j.length(), 10);
        int mantEnd = ePos < 0 ? j.length() : ePos;
        char[] digits = new char[mantEnd];
        int nd = 0;
        int intLen = mantEnd;
        for (int k = 0; k < mantEnd; k++) {
            char c = j.charAt(k);
            if (c == '.') {
                intLen = k;
            } else {
                digits[nd++] = c;
            }
        }
        // value = 0.d1d2...dn * 10^decpt
        int decpt = intLen + exp;
        int start = 0;
        while (start < nd - 1 && digits[start] == '0') {
            start++;
            decpt--;
        }
        while (nd - 1 > start && digits[nd - 1] == '0') {
            nd--;
        }
        if (start > 0) {
            System.arraycopy(digits, start, digits, 0, nd - start);
            nd -= start;
        }
        if (nd == 2) {
            // Java's spec prefers a closer 2-digit decimal over a 1-digit one (e.g. 4.9E-324);
            // Python takes the shortest (5e-324).
            nd = shortenToOneDigit(a, digits, decpt, nd);
            if (nd == 1 && digits[0] == '#') { // carried into a new power of ten
                digits[0] = '1';
                decpt++;
            }
        }
        return format(negative, digits, nd, decpt);
    }

    private static int shortenToOneDigit(double a, char[] digits, int decpt, int nd) {
        int lo = digits[0] - '0';
        int hi = lo + 1;
        int e = decpt - 1;
        boolean loOk = Double.parseDouble(lo + "E" + e) == a;
        boolean hiOk = Double.parseDouble(hi + "E" + e) == a;
        int pick;
        if (loOk && hiOk) {
            BigDecimal exact = new BigDecimal(a);
            BigDecimal dLo = exact.subtract(new BigDecimal(BigInteger.valueOf(lo), -e)).abs();
            BigDecimal dHi = exact.subtract(new BigDecimal(BigInteger.valueOf(hi), -e)).abs();
            int c = dLo.compareTo(dHi);
            pick = c < 0 ? lo : c > 0 ? hi : ((lo & 1) == 0 ? lo : hi);
        } else if (loOk) {
            pick = lo;
        } else if (hiOk) {
            pick = hi;
        } else {
            return nd;
        }
        digits[0] = pick == 10 ? '#' : (char) ('0' + pick);
        return 1;
    }

    private static String format(boolean negative, char[] digits, int nd, int decpt) {
        StringBuilder sb = new StringBuilder(nd + 8);
        if (negative) {
            sb.append('-');
        }
        if (decpt <= -4 || decpt > 16) {
            sb.append(digits[0]);
            if (nd > 1) {
                sb.append('.').append(digits, 1, nd - 1);
            }
            int e = decpt - 1;
            sb.append('e').append(e < 0 ? '-' : '+');
            int ae = Math.abs(e);
            if (ae < 10) {
                sb.append('0');
            }
            sb.append(ae);
        } else if (decpt <= 0) {
            sb.append("0.");
            for (int k = 0; k < -decpt; k++) {
                sb.append('0');
            }
            sb.append(digits, 0, nd);
        } else if (decpt >= nd) {
            sb.append(digits, 0, nd);
            for (int k = nd; k < decpt; k++) {
                sb.append('0');
            }
            sb.append(".0");
        } else {
            sb.append(digits, 0, decpt).append('.').append(digits, decpt, nd - decpt);
        }
        return sb.toString();
    }

    /** Growable byte buffer. */
    private static final class Out {
        byte[] buf;
        int len;

        Out(int size) {
            buf = new byte[size];
        }

        void reserve(int extra) {
            long need = (long) len + extra;
            if (need > buf.length) {
                long cap = Math.max(need, (long) buf.length * 2);
                if (cap > Integer.MAX_VALUE - 16) {
                    cap = need;
                }
                if (need > Integer.MAX_VALUE - 16) {
                    throw new IllegalArgumentException("canonical JSON too large");
                }
                buf = Arrays.copyOf(buf, (int) cap);
            }
        }

        void put(char c) {
            if (len == buf.length) {
                reserve(1);
            }
            buf[len++] = (byte) c;
        }

        void ascii(String s) {
            int n = s.length();
            reserve(n);
            byte[] b = buf;
            int p = len;
            for (int k = 0; k < n; k++) {
                b[p + k] = (byte) s.charAt(k); // callers pass ASCII only
            }
            len = p + n;
        }
    }
}
