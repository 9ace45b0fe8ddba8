package org.fedoraproject.pdcupdater.fedmsg;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeParserTest {

    private static final String GOOD = "{\"topic\":\"org.fedoraproject.prod.buildsys.tag\",\"msg_id\":\"2017-abc\","
            + "\"i\":3,\"timestamp\":1504643047,\"username\":\"apache\",\"msg\":{\"tag\":\"f27\"}}";

    private final EnvelopeParser parser = new EnvelopeParser();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private RejectReason reasonFor(byte[] body) {
        try {
            parser.parse(body);
        } catch (RejectedMessageException e) {
            assertThat(e.getMessage()).isNotBlank();
            return e.reason();
        }
        throw new AssertionError("accepted: " + new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void parsesAWellFormedEnvelope() {
        byte[] raw = utf8(GOOD);
        FedmsgEnvelope e = parser.parse("org.fedoraproject.prod.buildsys.tag", raw);
        assertThat(e.topic()).isEqualTo("org.fedoraproject.prod.buildsys.tag");
        assertThat(e.msgId()).isEqualTo("2017-abc");
        assertThat(e.i()).hasValue(3);
        assertThat(e.timestamp()).isEqualTo(1504643047L);
        assertThat(e.timestampInstant()).contains(Instant.ofEpochSecond(1504643047L));
        assertThat(e.username()).isEqualTo("apache");
        assertThat(e.msg().get("tag").textValue()).isEqualTo("f27");
        assertThat(e.crypto()).isNull();
        assertThat(e.signature()).isNull();
        assertThat(e.isSigned()).isFalse();
        assertThat(e.raw()).isSameAs(raw);
        assertThat(e.tree().get("msg")).isSameAs(e.msg());
    }

    @Test
    void keepsTimestampExactly() {
        FedmsgEnvelope f = parser.parse(utf8(GOOD.replace("1504643047", "1504642719.23539")));
        assertThat(f.timestamp()).isEqualTo(1504642719.23539d);
        assertThat(f.timestampInstant().orElseThrow().getEpochSecond()).isEqualTo(1504642719L);
        FedmsgEnvelope whole = parser.parse(utf8(GOOD.replace("1504643047", "1504643047.0")));
        assertThat(whole.timestamp()).isInstanceOf(Double.class);
        FedmsgEnvelope big = parser.parse(utf8(GOOD.replace("1504643047", "123456789012345678901234567890")));
        assertThat(big.timestamp()).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(big.timestampInstant()).isEmpty();
        FedmsgEnvelope none = parser.parse(utf8(GOOD.replace(",\"timestamp\":1504643047", "")));
        assertThat(none.timestamp()).isNull();
        assertThat(none.timestampInstant()).isEmpty();
    }

    @Test
    void optionalFieldsMayBeAbsentOrNullUsername() {
        FedmsgEnvelope e = parser.parse(utf8("{\"topic\":\"t\",\"msg_id\":\"m\",\"msg\":{},\"username\":null}"));
        assertThat(e.i()).isEmpty();
        assertThat(e.username()).isNull();
    }

    @Test
    void truncatedJson() {
        assertThat(reasonFor(Arrays.copyOf(utf8(GOOD), GOOD.length() - 5))).isEqualTo(RejectReason.NOT_JSON);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "hello world",
            "{'topic':'t'}",
            "{\"topic\":\"t\",}",
            "{\"a\":1} trailing",
            "{\"a\":1}{\"b\":2}",
            "''",
    })
    void notJson(String body) {
        assertThat(reasonFor(utf8(body))).isEqualTo(RejectReason.NOT_JSON);
    }

    @Test
    void emptyAndInvalidUtf8AreNotJson() {
        assertThat(reasonFor(new byte[0])).isEqualTo(RejectReason.NOT_JSON);
        assertThat(reasonFor(new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'})).isEqualTo(RejectReason.NOT_JSON);
        assertThat(reasonFor(utf8("{\"a\":\"raw\ncontrol\"}"))).isEqualTo(RejectReason.NOT_JSON);
        assertThatThrownBy(() -> parser.parse((byte[]) null)).isInstanceOf(RejectedMessageException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"[1,2,3]", "\"just a string\"", "42", "null", "true"})
    void notAnObject(String body) {
        assertThat(reasonFor(utf8(body))).isEqualTo(RejectReason.NOT_OBJECT);
    }

    @Test
    void fiftyMegabytesIsTooLarge() {
        byte[] big = new byte[50 * 1024 * 1024];
        Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        assertThat(reasonFor(big)).isEqualTo(RejectReason.TOO_LARGE);
    }

    @Test
    void sizeLimitIsConfigurable() {
        EnvelopeParser small = new EnvelopeParser(GOOD.length() - 1);
        assertThatThrownBy(() -> small.parse(utf8(GOOD)))
                .isInstanceOfSatisfying(RejectedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.TOO_LARGE));
        assertThat(new EnvelopeParser(GOOD.length()).parse(utf8(GOOD)).msgId()).isEqualTo("2017-abc");
        assertThatThrownBy(() -> new EnvelopeParser(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new EnvelopeParser().maxBytes()).isEqualTo(16 * 1024 * 1024);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"topic\":\"t\",\"msg\":{}}                                   | MISSING_MSG_ID",
            "{\"topic\":\"t\",\"msg_id\":\"\",\"msg\":{}}                   | MISSING_MSG_ID",
            "{\"msg_id\":\"m\",\"msg\":{}}                                  | MISSING_TOPIC",
            "{\"topic\":\"\",\"msg_id\":\"m\",\"msg\":{}}                   | MISSING_TOPIC",
            "{\"topic\":\"t\",\"msg_id\":\"m\"}                             | MISSING_MSG",
            "{\"topic\":\"t\",\"msg_id\":\"m\",\"msg\":\"text\"}            | WRONG_TYPE",
            "{\"topic\":\"t\",\"msg_id\":\"m\",\"msg\":[1]}                 | WRONG_TYPE",
            "{\"topic\":\"t\",\"msg_id\":\"m\",\"msg\":null}                | WRONG_TYPE",
            "{\"topic\":5,\"msg_id\":\"m\",\"msg\":{}}                      | WRONG_TYPE",
            "{\"topic\":\"t\",\"msg_id\":7,\"msg\":{}}                      | WRONG_TYPE",
            "{\"topic\":\"t\",\"msg_id\":null,\"msg\":{}}                   | WRONG_TYPE",
            "{\"topic\":\"t\",\"msg_id\":\"m\",\"msg\":{},\"i\":\"3\"}      | WRONG_TYPE",
            "{\"topic\":\"t\",\"msg_id\":\"m\",\"msg\":{},\"i\":3.5}        | WRONG_TYPE",
            "{\"topic\":\"t\",\"msg_id\":\"m\",\"msg\":{},\"i\":-1}         | WRONG_TYPE",
            "{\"topic\":\"t\",\"msg_id\":\"m\",\"msg\":{},\"i\":99999999999999999999} | WRONG_TYPE",
            "{\"topic\":\"t\",\"msg_id\":\"m\",\"msg\":{},\"timestamp\":\"now\"} | WRONG_TYPE",
            "{\"topic\":\"t\",\"msg_id\":\"m\",\"msg\":{},\"username\":1}   | WRONG_TYPE",
            "{\"topic\":\"t\",\"msg_id\":\"m\",\"msg\":{},\"signature\":1}  | WRONG_TYPE",
            "{\"topic\":\"t\",\"msg_id\":\"m\",\"msg\":{},\"certificate\":{}} | WRONG_TYPE",
            "{\"topic\":\"t\",\"msg_id\":\"m\",\"msg\":{},\"crypto\":null}  | WRONG_TYPE",
    })
    void fieldRules(String body, RejectReason expected) {
        assertThat(reasonFor(utf8(body.strip()))).isEqualTo(expected);
    }

    @Test
    void topicFrameMustMatchEnvelopeTopic() {
        assertThatThrownBy(() -> parser.parse("org.fedoraproject.prod.buildsys.untag", utf8(GOOD)))
                .isInstanceOfSatisfying(RejectedMessageException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.TOPIC_MISMATCH);
                    assertThat(e.code()).isEqualTo("topic-mismatch");
                });
        assertThat(parser.parse(utf8("org.fedoraproject.prod.buildsys.tag"), utf8(GOOD)).topic())
                .isEqualTo("org.fedoraproject.prod.buildsys.tag");
        assertThat(parser.parse((byte[]) null, utf8(GOOD)).topic()).isEqualTo("org.fedoraproject.prod.buildsys.tag");
    }

    @Test
    void hostileValuesAreQuotedSafelyInMessages() {
        String body = "{\"topic\":\"a\\nFAKE LOG LINE\",\"msg_id\":\"m\",\"msg\":{}}";
        assertThatThrownBy(() -> parser.parse("other", utf8(body)))
                .isInstanceOfSatisfying(RejectedMessageException.class,
                        e -> assertThat(e.getMessage()).doesNotContain("\n").contains("\\u000a"));
    }

    @Test
    void reasonCodesAreShortAndUnique() {
        assertThat(Arrays.stream(RejectReason.values()).map(RejectReason::code))
                .doesNotHaveDuplicates()
                .allMatch(c -> c.matches("[a-z][a-z_-]{2,30}"))
                .contains("not-json", "not-object", "missing-msg_id", "wrong-type", "too-large", "bad-signature",
                        "untrusted-certificate", "revoked-certificate", "routing-policy", "unsigned", "topic-mismatch");
    }

    @Test
    void rejectionsCarryNoStackTrace() {
        RejectedMessageException e = new RejectedMessageException(RejectReason.NOT_JSON, "x");
        assertThat(e.getStackTrace()).isEmpty();
        assertThat(e.toString()).contains("not-json");
    }
}
