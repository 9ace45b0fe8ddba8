package org.fedoraproject.pdcupdater.fedmsg;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Mirrors fedmsg's tests of fix_datagrepper_message, plus our float-timestamp rule. */
class DatagrepperNormalizerTest {

    private static ObjectNode json(String s) throws IOException {
        return (ObjectNode) EnvelopeParser.mapper().readTree(s);
    }

    @Test
    void leavesNonDatagrepperMessagesAlone() throws IOException {
        ObjectNode onlyName = json("{\"source_name\":\"datanommer\",\"timestamp\":1.0,\"headers\":{}}");
        assertThat(DatagrepperNormalizer.normalize(onlyName)).isSameAs(onlyName);
        ObjectNode onlyVersion = json("{\"source_version\":\"1\",\"timestamp\":1.0}");
        assertThat(DatagrepperNormalizer.normalize(onlyVersion)).isSameAs(onlyVersion);
    }

    @Test
    void dropsSourceFieldsAndEmptyHeadersAndRestoresIntegerTimestamp() throws IOException {
        ObjectNode in = json("{\"source_name\":\"datanommer\",\"source_version\":\"0.8.1\",\"headers\":{},"
                + "\"timestamp\":1504643075.0,\"topic\":\"t\"}");
        ObjectNode out = DatagrepperNormalizer.normalize(in);
        assertThat(CanonicalJson.encodeToString(out)).isEqualTo("{\"timestamp\":1504643075,\"topic\":\"t\"}");
        assertThat(in.has("source_name")).isTrue(); // input not modified
    }

    @Test
    void nullHeadersAreDroppedButNonEmptyHeadersKept() throws IOException {
        assertThat(CanonicalJson.encodeToString(DatagrepperNormalizer.normalize(
                json("{\"source_name\":\"a\",\"source_version\":\"b\",\"headers\":null}")))).isEqualTo("{}");
        assertThat(CanonicalJson.encodeToString(DatagrepperNormalizer.normalize(
                json("{\"source_name\":\"a\",\"source_version\":\"b\",\"headers\":{\"k\":\"v\"}}"))))
                .isEqualTo("{\"headers\":{\"k\":\"v\"}}");
    }

    @Test
    void fractionalAndIntegerTimestampsAreKept() throws IOException {
        assertThat(CanonicalJson.encodeToString(DatagrepperNormalizer.normalize(
                json("{\"source_name\":\"a\",\"source_version\":\"b\",\"timestamp\":1504642719.23539}"))))
                .isEqualTo("{\"timestamp\":1504642719.23539}");
        assertThat(CanonicalJson.encodeToString(DatagrepperNormalizer.normalize(
                json("{\"source_name\":\"a\",\"source_version\":\"b\",\"timestamp\":7}"))))
                .isEqualTo("{\"timestamp\":7}");
    }

    @Test
    void envelopeVariantReparsesAndKeepsRawBytes() {
        ObjectNode m = Fixtures.datagrepperRawMessages().get(0);
        FedmsgEnvelope raw = Fixtures.envelope(m);
        FedmsgEnvelope n = DatagrepperNormalizer.normalize(raw);
        assertThat(n.timestamp()).isEqualTo(1504643075L);
        assertThat(n.raw()).isSameAs(raw.raw());
        assertThat(n.msgId()).isEqualTo(raw.msgId());
        assertThat(DatagrepperNormalizer.normalize(n)).isSameAs(n);
    }
}
