package org.fedoraproject.pdcupdater.source.koji;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XmlRpcCodecTest {

    private final XmlRpcCodec codec = new XmlRpcCodec();

    private Object roundTrip(Object value) {
        return codec.decodeResponse(codec.encodeResponse(value));
    }

    private static String text(byte[] document) {
        return new String(document, StandardCharsets.UTF_8);
    }

    private Object decode(String document) {
        return codec.decodeResponse(document.getBytes(StandardCharsets.UTF_8));
    }

    private static String response(String value) {
        return "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n" + value
                + "\n</param>\n</params>\n</methodResponse>\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "a & b < c > d", "]]>", "tab\there\nnew line", "cr\r\nlf",
            "Zoë, 日本語, emoji 😀", "  leading and trailing  "})
    void stringsRoundTripExactly(String s) {
        assertThat(roundTrip(s)).isEqualTo(s);
    }

    @Test
    void carriageReturnIsEscapedSoParsersKeepIt() {
        assertThat(text(codec.encodeResponse("a\rb"))).contains("<string>a&#13;b</string>");
    }

    @Test
    void integersRoundTripAsIntOrI8LikeKoji() {
        assertThat(roundTrip(0)).isEqualTo(0);
        assertThat(roundTrip(Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
        assertThat(roundTrip(Integer.MIN_VALUE)).isEqualTo(Integer.MIN_VALUE);
        assertThat(roundTrip(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(roundTrip(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThat(roundTrip(2_147_483_648L)).isEqualTo(2_147_483_648L);
        // A small long travels as <int>, as koji's ExtendedMarshaller writes it.
        assertThat(roundTrip(42L)).isEqualTo(42);
        assertThat(text(codec.encodeResponse(42L))).contains("<int>42</int>");
        assertThat(text(codec.encodeResponse(5_000_000_000L))).contains("<i8>5000000000</i8>");
        assertThat(roundTrip((short) 7)).isEqualTo(7);
        assertThat(roundTrip(java.math.BigInteger.valueOf(-9))).isEqualTo(-9);
    }

    @Test
    void booleansRoundTrip() {
        assertThat(roundTrip(true)).isEqualTo(true);
        assertThat(roundTrip(false)).isEqualTo(false);
        assertThat(text(codec.encodeResponse(true))).contains("<boolean>1</boolean>");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.5, 0.1, 1504642719.23539, 1e16, 5e-324, -1.7976931348623157e308, 123456789.0})
    void doublesRoundTripExactly(double d) {
        assertThat(roundTrip(d)).isEqualTo(d);
    }

    @Test
    void doublesAreWrittenWithoutExponent() {
        assertThat(text(codec.encodeResponse(1e16))).contains("<double>10000000000000000</double>");
        assertThat(roundTrip(1.5f)).isEqualTo(1.5);
    }

    @Test
    void dateTimesRoundTripInPythonsFormat() {
        LocalDateTime time = LocalDateTime.of(2017, 9, 5, 20, 18, 39);
        assertThat(text(codec.encodeResponse(time))).contains("<dateTime.iso8601>20170905T20:18:39</dateTime.iso8601>");
        assertThat(roundTrip(time)).isEqualTo(time);
        assertThat(roundTrip(Instant.parse("2017-09-05T20:18:39Z"))).isEqualTo(time);
        assertThat(roundTrip(OffsetDateTime.of(time.plusHours(2), ZoneOffset.ofHours(2)))).isEqualTo(time);
        // XML-RPC has whole seconds only.
        assertThat(roundTrip(time.plusNanos(500_000_000))).isEqualTo(time);
    }

    @Test
    void dateTimesFromOtherPeersAreReadToo() {
        assertThat(decode(response("<value><dateTime.iso8601>2017-09-05T20:18:39</dateTime.iso8601></value>")))
                .isEqualTo(LocalDateTime.of(2017, 9, 5, 20, 18, 39));
        assertThat(decode(response("<value><dateTime.iso8601>20170905T22:18:39+02:00</dateTime.iso8601></value>")))
                .isEqualTo(LocalDateTime.of(2017, 9, 5, 20, 18, 39));
    }

    @Test
    void base64RoundTripsBytes() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        assertThat((byte[]) roundTrip(bytes)).isEqualTo(bytes);
        assertThat((byte[]) roundTrip(new byte[0])).isEmpty();
        // Python's xmlrpc.client wraps base64 at 76 characters.
        assertThat((byte[]) decode(response("<value><base64>\naGVsbG8g\nd29ybGQ=\n</base64></value>")))
                .isEqualTo("hello world".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void nilRoundTripsInBothSpellings() {
        assertThat(roundTrip(null)).isNull();
        assertThat(text(codec.encodeResponse(null))).contains("<value><nil/></value>");
        assertThat(decode(response("<value><ex:nil xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\"/></value>")))
                .isNull();
    }

    @Test
    void structsAndArraysRoundTripNestedAndInOrder() {
        Map<String, Object> build = new LinkedHashMap<>();
        build.put("id", 966549);
        build.put("nvr", "template-glib-3.25.92-1.fc28");
        build.put("epoch", null);
        build.put("creation_ts", 1504642719.23539);
        build.put("extra", Map.of("source", Map.of("original_url", "git+https://src.fedoraproject.org/rpms/x#master")));
        build.put("tags", Arrays.asList("f28", null, List.of()));
        build.put("empty", Map.of());
        Object decoded = roundTrip(List.of(build, List.of(1, List.of(2, List.of(3)))));
        assertThat(decoded).isEqualTo(List.of(build, List.of(1, List.of(2, List.of(3)))));
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) ((List<Object>) decoded).get(0);
        assertThat(first.keySet()).containsExactlyElementsOf(build.keySet());
        assertThat(roundTrip(new Object[] {"a", 1})).isEqualTo(List.of("a", 1));
    }

    @Test
    void methodCallsRoundTripWithKojiKeywordArguments() {
        KojiCall call = KojiCall.of("listTagged", "f28").with("inherit", false).with("latest", true);
        byte[] encoded = codec.encodeCall(call.method(), call.params());
        XmlRpcCall decoded = codec.decodeCall(new ByteArrayInputStream(encoded));
        assertThat(decoded.methodName()).isEqualTo("listTagged");
        assertThat(decoded.params()).containsExactly("f28",
                Map.of("inherit", false, "latest", true, "__starstar", true));
        assertThat(codec.decodeCall(new ByteArrayInputStream(codec.encodeCall("getAPIVersion", List.of()))).params())
                .isEmpty();
        assertThat(codec.decodeCall(new ByteArrayInputStream(codec.encodeCall("getBuild", Arrays.asList((Object) null))))
                .params()).containsExactly((Object) null);
    }

    @Test
    void readsPythonsPrettyPrintedOutput() {
        // What Python's xmlrpc.client.dumps((build,), methodresponse=1, allow_none=1) produces.
        String python = "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><struct>\n"
                + "<member>\n<name>id</name>\n<value><int>966549</int></value>\n</member>\n"
                + "<member>\n<name>epoch</name>\n<value><nil/></value></member>\n"
                + "<member>\n<name>owner_name</name>\n<value><string>yaneti</string></value>\n</member>\n"
                + "<member>\n<name>untyped</name>\n<value>text without type</value>\n</member>\n"
                + "<member>\n<name>empty</name>\n<value><string/></value>\n</member>\n"
                + "<member>\n<name>i4</name>\n<value><i4>-3</i4></value>\n</member>\n"
                + "<!-- a comment -->\n"
                + "</struct></value>\n</param>\n</params>\n</methodResponse>\n";
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", 966549);
        expected.put("epoch", null);
        expected.put("owner_name", "yaneti");
        expected.put("untyped", "text without type");
        expected.put("empty", "");
        expected.put("i4", -3);
        assertThat(decode(python)).isEqualTo(expected);
    }

    @Test
    void faultsBecomeKojiFaultExceptions() {
        byte[] fault = codec.encodeFault(1000, "Invalid method: nope");
        assertThatThrownBy(() -> codec.decodeResponse(fault))
                .isInstanceOfSatisfying(KojiFaultException.class, e -> {
                    assertThat(e.faultCode()).isEqualTo(1000);
                    assertThat(e.faultString()).isEqualTo("Invalid method: nope");
                });
        // The hub's own spelling of a fault, pretty-printed.
        String hub = "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n"
                + "<member>\n<name>faultCode</name>\n<value><int>1019</int></value>\n</member>\n"
                + "<member>\n<name>faultString</name>\n<value><string>getBuild() got an unexpected keyword argument 'x'</string></value>\n</member>\n"
                + "</struct></value>\n</fault>\n</methodResponse>\n";
        assertThatThrownBy(() -> decode(hub)).isInstanceOfSatisfying(KojiFaultException.class,
                e -> assertThat(e.faultCode()).isEqualTo(KojiFaultException.PARAMETER_ERROR));
    }

    @Test
    void aFaultIsAFaultInStreamingModeToo() {
        byte[] fault = codec.encodeFault(1000, "No such tagInfo: 'nope'");
        assertThatThrownBy(() -> codec.decodeArrayResponse(new ByteArrayInputStream(fault), x -> { }))
                .isInstanceOf(KojiFaultException.class).hasMessageContaining("No such tagInfo");
    }

    @Test
    void malformedFaultsAreProtocolErrors() {
        String fault = "<methodResponse><fault><value><struct><member><name>faultCode</name>"
                + "<value><string>oops</string></value></member></struct></value></fault></methodResponse>";
        assertThatThrownBy(() -> decode(fault)).isInstanceOf(XmlRpcException.class).hasMessageContaining("malformed fault");
    }

    @Test
    void streamingHandsOverEachElementOfTheTopLevelArray() {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            items.add(Map.of("id", i, "name", "pkg" + i));
        }
        List<Object> seen = new ArrayList<>();
        long count = codec.decodeArrayResponse(new ByteArrayInputStream(codec.encodeResponse(items)), seen::add);
        assertThat(count).isEqualTo(1000);
        assertThat(seen).isEqualTo(items);
        assertThatThrownBy(() -> codec.decodeArrayResponse(new ByteArrayInputStream(codec.encodeResponse("x")), seen::add))
                .isInstanceOf(XmlRpcException.class).hasMessageContaining("expected an array");
    }

    @Test
    void anIterableIsWrittenAsItIsIterated() {
        Iterable<Integer> lazy = () -> List.of(1, 2, 3).iterator();
        assertThat(roundTrip(lazy)).isEqualTo(List.of(1, 2, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<value><int>12x</int></value>",
        "<value><int>2147483648</int></value>",
        "<value><boolean>2</boolean></value>",
        "<value><double>NaN</double></value>",
        "<value><double>1d</double></value>",
        "<value><dateTime.iso8601>yesterday</dateTime.iso8601></value>",
        "<value><base64>!!!</base64></value>",
        "<value><bigdecimal>1.0</bigdecimal></value>",
        "<value><string>a<b/></string></value>",
        "<value>text<int>1</int></value>",
        "<value><nil>x</nil></value>",
        "<value><struct><member><value><int>1</int></value></member></struct></value>",
        "<value><array><value><int>1</int></value></array></value>"})
    void malformedValuesAreRefusedWithAReason(String value) {
        assertThatThrownBy(() -> decode(response(value))).isInstanceOf(XmlRpcException.class)
                .hasMessageNotContaining("null");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not xml",
        "<methodResponse/>",
        "<methodCall><methodName>x</methodName></methodCall>",
        "<methodResponse><params><param><value>1</value></param></params></methodResponse><extra/>",
        "<methodResponse><params><param><value>1</value></param></params></methodResponse>trailing",
        "<methodResponse><params><param><value>1</value></param></params>",
        "<methodResponse><params><param><value><string>&undeclared;</string></value></param></params></methodResponse>"})
    void documentsThatAreNotResponsesAreRefused(String document) {
        assertThatThrownBy(() -> decode(document)).isInstanceOf(XmlRpcException.class);
    }

    @Test
    void encodingRefusesWhatXmlRpcCannotCarry() {
        assertThatThrownBy(() -> codec.encodeResponse("nul\u0000")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+0000");
        assertThatThrownBy(() -> codec.encodeResponse("lone \uD800 surrogate"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+D800");
        assertThatThrownBy(() -> codec.encodeResponse(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.encodeResponse(Map.of(1, "x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keys must be strings");
        assertThatThrownBy(() -> codec.encodeResponse(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot carry");
        assertThatThrownBy(() -> codec.encodeResponse(java.math.BigInteger.TWO.pow(64)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodingStopsAtCyclesInsteadOfOverflowingTheStack() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThatThrownBy(() -> codec.encodeResponse(cycle)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested deeper than 64");
    }
}
