package org.fedoraproject.pdcupdater.source.koji;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plain-shape reader must read exactly what the StAX reader reads, and leave everything else to it: every
 * document here goes through both, and where the fast one answers, the answers must be equal.
 */
class XmlRpcFastReaderTest {

    private final XmlRpcCodec codec = new XmlRpcCodec();

    private static Object fast(byte[] doc) {
        return XmlRpcFastReader.read(doc, doc.length, XmlRpcLimits.DEFAULTS);
    }

    private static Object fast(String doc) {
        return fast(doc.getBytes(StandardCharsets.UTF_8));
    }

    private static Object stax(byte[] doc) {
        return new XmlRpcReader(new ByteArrayInputStream(doc), XmlRpcLimits.DEFAULTS).response();
    }

    private static String response(String value) {
        return "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n" + value
                + "\n</param>\n</params>\n</methodResponse>\n";
    }

    /** What the stand-in answers a listRPMs multicall with: Koji's 17 members per RPM. */
    private static List<Object> multicallOfRpms() {
        List<Object> answers = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            List<Object> rpms = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", b * 10 + r);
                m.put("name", "pkg-" + b + (r == 0 ? "" : "-sub" + r));
                m.put("version", "1.0");
                m.put("release", "1.fc28");
                m.put("nvr", "pkg-1.0-1.fc28");
                m.put("arch", r == 0 ? "src" : "x86_64");
                m.put("epoch", r == 1 ? 2 : null);
                m.put("draft", false);
                m.put("payloadhash", "0123456789abcdef");
                m.put("size", 5_000_000_000L);
                m.put("buildtime", 1504642719);
                m.put("build_id", b);
                m.put("external_repo_name", "INTERNAL");
                m.put("metadata_only", true);
                m.put("extra", null);
                rpms.add(m);
            }
            answers.add(List.of(rpms));
        }
        Map<String, Object> fault = new LinkedHashMap<>();
        fault.put("faultCode", 1000);
        fault.put("faultString", "No such build: <42> & \"more\"");
        answers.add(fault);
        return answers;
    }

    @Test
    void readsWhatTheCodecWritesAsTheStaxReaderDoes() {
        byte[] doc = codec.encodeResponse(multicallOfRpms());
        Object value = fast(doc);
        assertThat(value).isNotSameAs(XmlRpcFastReader.DEFER);
        assertThat(value).isEqualTo(stax(doc)).isEqualTo(multicallOfRpms());
        // Struct members keep the document's order, as with the StAX reader.
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) ((List<Object>) ((List<Object>) ((List<Object>) value)
                .get(0)).get(0)).get(0);
        assertThat(first.keySet()).containsExactlyElementsOf(
                ((Map<?, ?>) ((List<?>) ((List<?>) multicallOfRpms().get(0)).get(0)).get(0)).keySet().stream()
                        .map(String::valueOf).toList());
    }

    @Test
    void readsPythonsPrettyPrintedOutput() {
        String python = response("<value><struct>\n"
                + "<member>\n<name>id</name>\n<value><int>966549</int></value>\n</member>\n"
                + "<member>\n<name>epoch</name>\n<value><nil/></value></member>\n"
                + "<member>\n<name>untyped</name>\n<value>  text without type </value>\n</member>\n"
                + "<member>\n<name>empty</name>\n<value><string/></value>\n</member>\n"
                + "<member>\n<name>blank</name>\n<value></value>\n</member>\n"
                + "<member>\n<name>big</name>\n<value><i8> 5000000000 </i8></value>\n</member>\n"
                + "<member>\n<name>refs</name>\n<value><string>&lt;&amp;&gt;&quot;&apos;&#x263A;&#128512;"
                + " Zoë 日本語 😀]]</string></value>\n</member>\n"
                + "<member>\n<name>list</name>\n<value><array>\n<data>\n<value><i4>-3</i4></value>\n"
                + "<value><boolean>1</boolean></value>\n</data>\n</array></value>\n</member>\n"
                + "</struct></value>");
        Object value = fast(python);
        assertThat(value).isNotSameAs(XmlRpcFastReader.DEFER);
        assertThat(value).isEqualTo(stax(python.getBytes(StandardCharsets.UTF_8)));
        assertThat(((Map<?, ?>) value).get("refs")).isEqualTo("<&>\"'\u263A\uD83D\uDE00 Zoë 日本語 😀]]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // Outside the plain shape: the StAX reader decides.
        "<value><string>a<!-- c -->b</string></value>",
        "<value><string><![CDATA[x]]></string></value>",
        "<value><ex:nil xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\"/></value>",
        "<value><string>cr&#13;</string></value>",
        "<value><string>cr\r\nlf</string></value>",
        "<value><double>1.5</double></value>",
        "<value><dateTime.iso8601>20170905T20:18:39</dateTime.iso8601></value>",
        "<value><base64>aGVsbG8=</base64></value>",
        "<value><i2>3</i2></value>",
        // Errors, worded by the StAX reader.
        "<value><int>12x</int></value>",
        "<value><int>2147483648</int></value>",
        "<value><boolean>2</boolean></value>",
        "<value><string>a<b/></string></value>",
        "<value>text<int>1</int></value>",
        "<value><nil>x</nil></value>",
        "<value><string>]]></string></value>",
        "<value><string>&undeclared;</string></value>",
        "<value><string>&#0;</string></value>",
        "<value><string>bad</strin></value>",
        "<value><struct><member><value><int>1</int></value></member></struct></value>",
        "<value><array><value><int>1</int></value></array></value>"})
    void leavesAnythingElseToTheStaxReader(String value) {
        assertThat(fast(response(value))).isSameAs(XmlRpcFastReader.DEFER);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "<?xml version='1.0' encoding='ISO-8859-1'?><methodResponse><params><param><value>1</value></param></params></methodResponse>",
        "<!DOCTYPE methodResponse><methodResponse><params><param><value>1</value></param></params></methodResponse>",
        " <?xml version='1.0'?><methodResponse><params><param><value>1</value></param></params></methodResponse>",
        "<methodResponse><fault><value><struct></struct></value></fault></methodResponse>",
        "<methodResponse><params><param><value>1</value></param></params></methodResponse><extra/>",
        "<methodResponse><params><param><value>1</value></param></params></methodResponse><!-- c -->",
        "<methodResponse><params><param><value>1</value></param></params>",
        "<methodResponse a='1'><params><param><value>1</value></param></params></methodResponse>"})
    void leavesOtherDocumentsToTheStaxReader(String document) {
        assertThat(fast(document)).isSameAs(XmlRpcFastReader.DEFER);
    }

    @Test
    void leavesValuesOverALimitToTheStaxReader() {
        byte[] deep = codec.encodeResponse(List.of(List.of(List.of(1))));
        assertThat(XmlRpcFastReader.read(deep, deep.length, XmlRpcLimits.DEFAULTS.withMaxDepth(2)))
                .isSameAs(XmlRpcFastReader.DEFER);
        byte[] longString = codec.encodeResponse("x".repeat(100));
        assertThat(XmlRpcFastReader.read(longString, longString.length, XmlRpcLimits.DEFAULTS.withMaxStringChars(99)))
                .isSameAs(XmlRpcFastReader.DEFER);
        assertThat(XmlRpcFastReader.read(longString, longString.length,
                XmlRpcLimits.DEFAULTS.withMaxBytes(longString.length - 1))).isSameAs(XmlRpcFastReader.DEFER);
    }

    /**
     * Damaged documents: whatever one byte changed, removed or repeated does, the fast reader either leaves the
     * document to the StAX reader or reads the value that reader reads.
     */
    @Test
    void agreesWithTheStaxReaderOnDamagedDocuments() {
        byte[] doc = codec.encodeResponse(List.of(multicallOfRpms().get(0), "Zoë <&> 😀", 7, true, ""));
        Random random = new Random(42);
        byte[] alphabet = "<>/&;#x '\"\n\t\r=?!-[]azAZ09\u00e9".getBytes(StandardCharsets.UTF_8);
        int decided = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] damaged = damage(doc, random, alphabet);
            Object value = fast(damaged);
            if (value == XmlRpcFastReader.DEFER) {
                continue;
            }
            decided++;
            assertThat(value).as("document %s", new String(damaged, StandardCharsets.UTF_8)).isEqualTo(stax(damaged));
        }
        // Some damage keeps the document readable (a changed letter in a string): those were compared.
        assertThat(decided).isGreaterThan(50);
    }

    /** A body that arrives a few bytes at a time, so the window is refilled in every possible place. */
    private static InputStream trickle(byte[] doc, int chunk) {
        return new ByteArrayInputStream(doc) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    /** The elements a streamed read hands over and how it ends (null, or the class of what it threw). */
    private record Streamed(List<Object> elements, Class<?> failure) {
        static Streamed of(java.util.function.Consumer<java.util.function.Consumer<Object>> read) {
            List<Object> elements = new ArrayList<>();
            try {
                read.accept(elements::add);
                return new Streamed(elements, null);
            } catch (RuntimeException e) {
                return new Streamed(elements, e.getClass());
            }
        }
    }

    private static Streamed fastStream(byte[] doc, int chunk) {
        return Streamed.of(sink -> XmlRpcFastReader.streamArray(trickle(doc, chunk), XmlRpcLimits.DEFAULTS, sink));
    }

    private static Streamed staxStream(byte[] doc) {
        return Streamed.of(sink -> new XmlRpcReader(new ByteArrayInputStream(doc), XmlRpcLimits.DEFAULTS)
                .responseArray(sink));
    }

    @Test
    void streamsAnArrayAsTheStaxReaderDoes() {
        List<Object> builds = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            builds.add(Map.of("id", i, "name", "pkg-" + i + "-ü", "nvr", "pkg-1.0-" + i));
        }
        byte[] doc = codec.encodeResponse(builds);
        for (int chunk : new int[] {1, 7, 1000, 100_000}) {
            assertThat(fastStream(doc, chunk)).isEqualTo(new Streamed(builds, null));
        }
    }

    @Test
    void handsTheRestOfAStreamToTheStaxReaderFromTheFirstElementItCannotRead() {
        String plain = "<value><int>1</int></value>";
        String doc = response("<value><array><data>" + plain.repeat(50)
                + "<value><double>1.5</double></value><!-- c --><value><string>a&#13;</string></value>"
                + plain.repeat(50) + "</data></array></value>");
        byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
        Streamed stax = staxStream(bytes);
        assertThat(stax.failure()).isNull();
        assertThat(stax.elements()).hasSize(102);
        for (int chunk : new int[] {1, 13, 100_000}) {
            assertThat(fastStream(bytes, chunk)).isEqualTo(stax);
        }
        // A fault, and an answer that is no array, are read by the StAX reader from the start.
        assertThat(fastStream(codec.encodeFault(1000, "No such tag"), 5).failure()).isEqualTo(KojiFaultException.class);
        assertThat(fastStream(codec.encodeResponse("x"), 5).failure()).isEqualTo(XmlRpcException.class);
    }

    @Test
    void aStreamedArrayKeepsTheByteLimitOfTheWholeDocument() {
        byte[] big = codec.encodeResponse(java.util.Collections.nCopies(500, "element"));
        XmlRpcLimits small = XmlRpcLimits.DEFAULTS.withMaxBytes(2000);
        List<Object> seen = new ArrayList<>();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> XmlRpcFastReader.streamArray(trickle(big, 100), small, seen::add))
                .isInstanceOf(XmlRpcLimitExceededException.class)
                .hasMessage("XML-RPC document larger than 2000 bytes");
        assertThat(seen).isNotEmpty().allMatch("element"::equals);
    }

    /** Damaged streamed arrays: the same elements handed over, and the same kind of failure, as the StAX reader. */
    @Test
    void streamsDamagedArraysAsTheStaxReaderDoes() {
        List<Object> items = new ArrayList<>(multicallOfRpms());
        items.add("Zoë <&> 😀");
        byte[] doc = codec.encodeResponse(items);
        Random random = new Random(4242);
        byte[] alphabet = "<>/&;#x '\"\n\t\r=?!-[]azAZ09\u00e9".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 2_000; i++) {
            byte[] damaged = damage(doc, random, alphabet);
            assertThat(fastStream(damaged, 1 + random.nextInt(300)))
                    .as("document %s", new String(damaged, StandardCharsets.UTF_8)).isEqualTo(staxStream(damaged));
        }
    }

    private static byte[] damage(byte[] doc, Random random, byte[] alphabet) {
        int at = random.nextInt(doc.length);
        byte b = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
        return switch (random.nextInt(3)) {
            case 0 -> {
                byte[] out = doc.clone();
                out[at] = b;
                yield out;
            }
            case 1 -> {
                byte[] out = new byte[doc.length - 1];
                System.arraycopy(doc, 0, out, 0, at);
                System.arraycopy(doc, at + 1, out, at, doc.length - at - 1);
                yield out;
            }
            default -> {
                byte[] out = new byte[doc.length + 1];
                System.arraycopy(doc, 0, out, 0, at);
                out[at] = b;
                System.arraycopy(doc, at, out, at + 1, doc.length - at);
                yield out;
            }
        };
    }
}
