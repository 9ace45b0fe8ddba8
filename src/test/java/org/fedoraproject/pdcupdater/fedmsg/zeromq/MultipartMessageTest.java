package org.fedoraproject.pdcupdater.fedmsg.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MultipartMessageTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void twoNonEmptyFramesAreAFedmsgMessage() {
        byte[] body = utf8("{\"i\":1}");
        MultipartMessage message = MultipartMessage.of(utf8("org.fedoraproject.prod.x"), body, 2);

        assertThat(message.isMalformed()).isFalse();
        assertThat(message.topic()).isEqualTo("org.fedoraproject.prod.x");
        assertThat(message.body()).isSameAs(body);
        assertThat(message.frameCount()).isEqualTo(2);
    }

    @Test
    void oneFrameKeepsTheBytesWithoutGuessingATopic() {
        byte[] only = utf8("org.fedoraproject.prod.x");
        MultipartMessage message = MultipartMessage.of(only, null, 1);

        assertThat(message.malformedReason()).isEqualTo("expected 2 frames (topic, body), got 1");
        assertThat(message.topic()).isNull();
        assertThat(message.body()).isSameAs(only);
    }

    @Test
    void extraFramesAreReportedAndTheEnvelopePositionKept() {
        byte[] body = utf8("{}");
        MultipartMessage message = MultipartMessage.of(utf8("org.fedoraproject.prod.x"), body, 5);

        assertThat(message.malformedReason()).startsWith("expected 2 frames (topic, body), got 5");
        assertThat(message.topic()).isEqualTo("org.fedoraproject.prod.x");
        assertThat(message.body()).isSameAs(body);
    }

    @Test
    void emptyFramesAreMalformed() {
        assertThat(MultipartMessage.of(new byte[0], utf8("{}"), 2).malformedReason()).isEqualTo("empty topic frame");
        assertThat(MultipartMessage.of(new byte[0], utf8("{}"), 2).topic()).isNull();
        assertThat(MultipartMessage.of(utf8("t"), new byte[0], 2).malformedReason()).isEqualTo("empty body frame");
    }

    @Test
    void topicMustBeValidUtf8() {
        MultipartMessage message = MultipartMessage.of(new byte[] {'o', 'r', 'g', (byte) 0xc3}, utf8("{}"), 2);

        assertThat(message.malformedReason()).isEqualTo("topic frame is not valid UTF-8");
        assertThat(message.topic()).isNull();
    }

    @Test
    void aMessageHasAtLeastOneFrame() {
        assertThatThrownBy(() -> MultipartMessage.of(null, null, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
