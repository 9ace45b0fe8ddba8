package org.fedoraproject.pdcupdater.fedmsg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expected strings were produced with CPython 3.11:
 * {@code json.dumps(json.loads(input), sort_keys=True, separators=(',', ':'), ensure_ascii=True)} and
 * {@code repr(float)}.
 */
class CanonicalJsonTest {

    static Stream<Arguments> pythonDumps() {
        return Stream.of(
            Arguments.of("{\"b\":1,\"a\":2,\"A\":3,\"_\":4,\"aa\":5,\"\":6,\"a0\":7}",
                    "{\"\":6,\"A\":3,\"_\":4,\"a\":2,\"a0\":7,\"aa\":5,\"b\":1}"),
            Arguments.of("{\"k\":\"\\u00e9\\u20ac\\ud83d\\ude00 caf\\u00e9\"}",
                    "{\"k\":\"\\u00e9\\u20ac\\ud83d\\ude00 caf\\u00e9\"}"),
            Arguments.of("{\"del\":\"a\\u007fb\",\"raw_del\":\"a\177b\"}",
                    "{\"del\":\"a\\u007fb\",\"raw_del\":\"a\\u007fb\"}"),
            Arguments.of("[\"\\u0000\\u0001\\u001f\\b\\f\\n\\r\\t\\\"\\\\/\", \"\\u0080\\u00ff\\u0100\\u07ff\\u0800\\ufffe\\uffff\"]",
                    "[\"\\u0000\\u0001\\u001f\\b\\f\\n\\r\\t\\\"\\\\/\",\"\\u0080\\u00ff\\u0100\\u07ff\\u0800\\ufffe\\uffff\"]"),
            // code point order: U+E000..U+FFFF sort before U+10000.. (String.compareTo says otherwise)
            Arguments.of("{\"\\uffff\":1,\"\\ud83d\\ude00\":2,\"\\ue000\":3,\"z\":4,\"\\ud7ff\":5,\"\\ud800\\udc00\":6,\"\\udbff\\udfff\":7}",
                    "{\"z\":4,\"\\ud7ff\":5,\"\\ue000\":3,\"\\uffff\":1,\"\\ud800\\udc00\":6,\"\\ud83d\\ude00\":2,\"\\udbff\\udfff\":7}"),
            Arguments.of("{\"lone_high\":\"\\ud800\",\"lone_low\":\"\\udc00\",\"\\ud800\":\"k1\",\"\\ue000\":\"k2\",\"\\ud800x\":\"k3\"}",
                    "{\"lone_high\":\"\\ud800\",\"lone_low\":\"\\udc00\",\"\\ud800\":\"k1\",\"\\ud800x\":\"k3\",\"\\ue000\":\"k2\"}"),
            Arguments.of("[1504642719.23539,1e16,5e-324,-0.0,1.0,1e-05,123456789012345.0,1.2345678901234568e+16,0.1,1e22,1.7976931348623157e308,2.2250738585072014e-308,0.0001,0.00001,100.0,1e300,1E+2,12e-1,3.0e0,4.35,0.3,2.5e-7,9007199254740993.0,1504643075.0]",
                    "[1504642719.23539,1e+16,5e-324,-0.0,1.0,1e-05,123456789012345.0,1.2345678901234568e+16,0.1,1e+22,1.7976931348623157e+308,2.2250738585072014e-308,0.0001,1e-05,100.0,1e+300,100.0,1.2,3.0,4.35,0.3,2.5e-07,9007199254740992.0,1504643075.0]"),
            Arguments.of("[123456789012345678901234567890,-9223372036854775809,9223372036854775807,-9223372036854775808,-0,0,1,-1,2147483648]",
                    "[123456789012345678901234567890,-9223372036854775809,9223372036854775807,-9223372036854775808,0,0,1,-1,2147483648]"),
            Arguments.of("{\"t\":true,\"f\":false,\"n\":null,\"e\":{},\"l\":[],\"nested\":{\"z\":[{\"b\":2,\"a\":[1,{\"d\":4,\"c\":3}]}],\"a\":{\"y\":null}}}",
                    "{\"e\":{},\"f\":false,\"l\":[],\"n\":null,\"nested\":{\"a\":{\"y\":null},\"z\":[{\"a\":[1,{\"c\":3,\"d\":4}],\"b\":2}]},\"t\":true}"),
            Arguments.of("[NaN,Infinity,-Infinity,1e400,-1e400]",
                    "[NaN,Infinity,-Infinity,Infinity,-Infinity]"),
            Arguments.of("{\"a\":1,\"a\":2,\"b\":{\"x\":1,\"x\":\"last\"}}",
                    "{\"a\":2,\"b\":{\"x\":\"last\"}}"),
            Arguments.of("  {\"ws\" : [ 1 , 2 ] ,\n \"s\":\"x y\"}  ",
                    "{\"s\":\"x y\",\"ws\":[1,2]}"));
    }

    @ParameterizedTest
    @MethodSource("pythonDumps")
    void matchesPythonJsonDumps(String input, String expected) throws Exception {
        JsonNode tree = EnvelopeParser.mapper().readTree(input.getBytes(StandardCharsets.UTF_8));
        assertThat(CanonicalJson.encodeToString(tree)).isEqualTo(expected);
        assertThat(CanonicalJson.encode(tree)).isEqualTo(expected.getBytes(StandardCharsets.US_ASCII));
    }

    static Stream<Arguments> pythonRepr() {
        return Stream.of(
            Arguments.of(0x41d66bc1a7cf10a1L, "1504642719.23539"),
            Arguments.of(0x4341c37937e08000L, "1e+16"),
            Arguments.of(0x0000000000000001L, "5e-324"),
            Arguments.of(0x8000000000000000L, "-0.0"),
            Arguments.of(0x0000000000000000L, "0.0"),
            Arguments.of(0x3ff0000000000000L, "1.0"),
            Arguments.of(0x3ee4f8b588e368f1L, "1e-05"),
            Arguments.of(0x42dc12218377de40L, "123456789012345.0"),
            Arguments.of(0x4345ee2a2eb5a5c4L, "1.2345678901234568e+16"),
            Arguments.of(0x3fb999999999999aL, "0.1"),
            Arguments.of(0x3fd3333333333334L, "0.30000000000000004"),
            Arguments.of(0x3fd5555555555555L, "0.3333333333333333"),
            Arguments.of(0x3fe5555555555555L, "0.6666666666666666"),
            Arguments.of(0x4480f0cf064dd592L, "1e+22"),
            Arguments.of(0x44b52d02c7e14af6L, "1e+23"),
            Arguments.of(0x44c52d02c7e14af6L, "2e+23"),
            Arguments.of(0x7fefffffffffffffL, "1.7976931348623157e+308"),
            Arguments.of(0x0010000000000000L, "2.2250738585072014e-308"),
            Arguments.of(0x000fffffffffffffL, "2.225073858507201e-308"),
            Arguments.of(0x0000000000000003L, "1.5e-323"),
            Arguments.of(0x3f1a36e2eb1c432dL, "0.0001"),
            Arguments.of(0x3f1a36e2eb1c432cL, "9.999999999999999e-05"),
            Arguments.of(0x430c6bf526340000L, "1000000000000000.0"),
            Arguments.of(0x4341c37937e07fffL, "9999999999999998.0"),
            Arguments.of(0x434aa535d3d0c000L, "1.5e+16"),
            Arguments.of(0xbde49da7e361ce4cL, "-1.5e-10"),
            Arguments.of(0x4059000000000000L, "100.0"),
            Arguments.of(0x41d66bc200c00000L, "1504643075.0"),
            // Java 17's Double.toString gives 2.82879384806159008E17 and 1.9400994884341944E25 here
            Arguments.of(0x438f67ea69ed3795L, "2.82879384806159e+17"),
            Arguments.of(0x45300c520a43f0afL, "1.9400994884341945e+25"),
            Arguments.of(0x00005c0ab9347ed7L, "5e-310"),
            Arguments.of(0x400921fb54442d18L, "3.141592653589793"),
            Arguments.of(0x43e0000000000000L, "9.223372036854776e+18"),
            Arguments.of(0x4340000000000000L, "9007199254740992.0"),
            Arguments.of(0x4340000000000001L, "9007199254740994.0"),
            Arguments.of(0x3fe0000000000000L, "0.5"),
            Arguments.of(0x40934a456d5cfaadL, "1234.5678"),
            Arguments.of(0x0000000000000002L, "1e-323"),
            Arguments.of(0x000000000000000aL, "5e-323"),
            Arguments.of(0x7ff0000000000000L, "Infinity"),
            Arguments.of(0xfff0000000000000L, "-Infinity"),
            Arguments.of(0x7ff8000000000000L, "NaN"));
    }

    @ParameterizedTest
    @MethodSource("pythonRepr")
    void floatsLikePythonRepr(long bits, String expected) {
        double d = Double.longBitsToDouble(bits);
        assertThat(CanonicalJson.pythonFloatRepr(d)).isEqualTo(expected);
        if (Double.isFinite(d)) {
            assertThat(CanonicalJson.pythonFloatRepr(-d)).isEqualTo(
                    expected.startsWith("-") ? expected.substring(1) : "-" + expected);
            assertThat(Double.parseDouble(expected)).isEqualTo(d); // round-trips
        }
    }

    @Test
    void rawUtf8InputIsEscapedLikeEnsureAscii() throws Exception {
        // raw (unescaped) UTF-8 on the wire, incl. a 4-byte character and DEL
        String s = "{\"msg\":\"caf\u00e9 \u20ac \uD83D\uDE00 \u007f end\"}";
        JsonNode tree = EnvelopeParser.mapper().readTree(s.getBytes(StandardCharsets.UTF_8));
        assertThat(CanonicalJson.encodeToString(tree))
                .isEqualTo("{\"msg\":\"caf\\u00e9 \\u20ac \\ud83d\\ude00 \\u007f end\"}");
    }

    @Test
    void codePointOrderDiffersFromStringCompareTo() {
        String bmpHigh = "\uFFFF";
        String astral = "\uD83D\uDE00";
        assertThat(bmpHigh.compareTo(astral)).isPositive();               // UTF-16 unit order
        assertThat(CanonicalJson.compareCodePoints(bmpHigh, astral)).isNegative(); // Python order
        assertThat(CanonicalJson.compareCodePoints("a", "a")).isZero();
        assertThat(CanonicalJson.compareCodePoints("a", "ab")).isNegative();
        assertThat(CanonicalJson.compareCodePoints("x\uD83D\uDE00", "x\uD83D\uDE01")).isNegative();
        assertThat(CanonicalJson.compareCodePoints("\uD800x", "\uD800\uDC00")).isNegative();
    }

    @Test
    void signedFormDropsOnlyTopLevelCredentials() throws Exception {
        JsonNode tree = EnvelopeParser.mapper().readTree(
                "{\"signature\":\"s\",\"certificate\":\"c\",\"crypto\":\"x509\","
                        + "\"msg\":{\"signature\":1,\"certificate\":2},\"topic\":\"t\"}");
        assertThat(new String(CanonicalJson.signedForm((ObjectNode) tree), StandardCharsets.US_ASCII))
                .isEqualTo("{\"crypto\":\"x509\",\"msg\":{\"certificate\":2,\"signature\":1},\"topic\":\"t\"}");
        assertThat(tree.has("signature")).isTrue(); // input untouched
    }

    @Test
    void programmaticNodesFollowPythonTypes() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("bigdec", new BigDecimal("0.1000"));      // Python would hold a float
        n.put("float", 0.5f);
        n.put("bigint", new BigInteger("-123456789012345678901234567890"));
        n.put("short", (short) 7);
        assertThat(CanonicalJson.encodeToString(n))
                .isEqualTo("{\"bigdec\":0.1,\"bigint\":-123456789012345678901234567890,\"float\":0.5,\"short\":7}");
    }

    @Test
    void longStringsWithManyEscapesGrowTheBuffer() {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 200_000; k++) {
            sb.append(k % 3 == 0 ? '\u00e9' : k % 3 == 1 ? '\n' : 'a');
        }
        String out = CanonicalJson.encodeToString(JsonNodeFactory.instance.textNode(sb.toString()));
        assertThat(out).hasSize(2 + 200_000 / 3 * (6 + 2 + 1) + 6 + 2);
        assertThat(out).startsWith("\"\\u00e9\\na\\u00e9");
    }

    @Test
    void unsortedAndSortedInputGiveTheSameBytes() throws Exception {
        List<String> keys = new ArrayList<>(List.of("b", "a", "\uD83D\uDE00", "\uFFFF", "A", "aa"));
        ObjectNode one = JsonNodeFactory.instance.objectNode();
        ObjectNode two = JsonNodeFactory.instance.objectNode();
        for (String k : keys) {
            one.put(k, k.length());
        }
        keys.sort(CanonicalJson.CODE_POINT_ORDER);
        for (String k : keys) {
            two.put(k, k.length());
        }
        assertThat(CanonicalJson.encode(one)).isEqualTo(CanonicalJson.encode(two));
        assertThat(CanonicalJson.encodeToString(two))
                .isEqualTo("{\"A\":1,\"a\":1,\"aa\":2,\"b\":1,\"\\uffff\":1,\"\\ud83d\\ude00\":2}");
    }
}
