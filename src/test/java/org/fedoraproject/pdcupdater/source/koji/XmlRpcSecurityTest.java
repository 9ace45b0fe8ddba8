package org.fedoraproject.pdcupdater.source.koji;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a hostile or broken hub might send, and that none of it gets through. */
class XmlRpcSecurityTest {

    private final XmlRpcCodec codec = new XmlRpcCodec();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void externalEntityIsRefusedAndTheFileIsNeverRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE methodResponse [\n"
                + "  <!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">\n]>\n"
                + "<methodResponse><params><param><value><string>&xxe;</string></value></param></params></methodResponse>";
        assertThatThrownBy(() -> codec.decodeResponse(bytes(xxe)))
                .isInstanceOf(XmlRpcException.class)
                .hasMessageContaining("DOCTYPE is not allowed")
                .hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void externalDtdIsRefused() {
        String dtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE methodResponse SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n"
                + "<methodResponse><params><param><value>x</value></param></params></methodResponse>";
        assertThatThrownBy(() -> codec.decodeResponse(bytes(dtd)))
                .isInstanceOf(XmlRpcException.class).hasMessageContaining("DOCTYPE is not allowed");
    }

    @Test
    void billionLaughsIsRefusedBeforeAnyExpansion() {
        StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            doc.append("<!ENTITY lol").append(i).append(" \"");
            doc.append(("&lol" + (i - 1) + ";").repeat(10));
            doc.append("\">\n");
        }
        doc.append("]>\n<methodResponse><params><param><value><string>&lol9;</string></value></param></params></methodResponse>");
        assertThatThrownBy(() -> codec.decodeResponse(bytes(doc.toString())))
                .isInstanceOf(XmlRpcException.class).hasMessageContaining("DOCTYPE is not allowed");
    }

    @Test
    void entityReferencesWithoutADoctypeAreRefused() {
        String doc = "<methodResponse><params><param><value><string>&lol9;</string></value></param></params></methodResponse>";
        assertThatThrownBy(() -> codec.decodeResponse(bytes(doc)))
                .isInstanceOf(XmlRpcException.class).hasMessageContaining("entity reference &lol9;");
    }

    @Test
    void predefinedEntitiesAndCharacterReferencesStillWork() {
        String doc = "<methodResponse><params><param><value><string>&lt;&amp;&gt;&quot;&apos;&#13;&#x263A;</string>"
                + "</value></param></params></methodResponse>";
        assertThat(codec.decodeResponse(bytes(doc))).isEqualTo("<&>\"'\r\u263A");
    }

    @Test
    void oversizedDocumentIsCutOffAtTheLimit() {
        XmlRpcCodec small = new XmlRpcCodec(XmlRpcLimits.DEFAULTS.withMaxBytes(1000));
        byte[] big = codec.encodeResponse("x".repeat(5000));
        CountingStream counted = new CountingStream(big);
        assertThatThrownBy(() -> small.decodeResponse(counted))
                .isInstanceOf(XmlRpcLimitExceededException.class)
                .hasMessage("XML-RPC document larger than 1000 bytes");
        // Reading stopped near the limit (one parser buffer at most), not at the end of the body.
        assertThat(counted.read).isLessThan(big.length);
        assertThat(small.decodeResponse(codec.encodeResponse("x".repeat(100)))).isEqualTo("x".repeat(100));
    }

    @Test
    void oversizedStreamingResponseIsCutOffToo() {
        XmlRpcCodec small = new XmlRpcCodec(XmlRpcLimits.DEFAULTS.withMaxBytes(2000));
        byte[] big = codec.encodeResponse(java.util.Collections.nCopies(500, "element"));
        assertThatThrownBy(() -> small.decodeArrayResponse(new ByteArrayInputStream(big), x -> { }))
                .isInstanceOf(XmlRpcLimitExceededException.class).hasMessageContaining("larger than 2000 bytes");
    }

    @Test
    void nestingBeyondTheLimitIsRefused() {
        String deep = "<methodResponse><params><param><value>"
                + "<array><data><value>".repeat(65) + "<int>1</int>" + "</value></data></array>".repeat(65)
                + "</value></param></params></methodResponse>";
        assertThatThrownBy(() -> codec.decodeResponse(bytes(deep)))
                .isInstanceOf(XmlRpcLimitExceededException.class)
                .hasMessageStartingWith("XML-RPC value nested deeper than 64 arrays/structs");
        String fine = "<methodResponse><params><param><value>"
                + "<array><data><value>".repeat(64) + "<int>1</int>" + "</value></data></array>".repeat(64)
                + "</value></param></params></methodResponse>";
        assertThat(codec.decodeResponse(bytes(fine))).isInstanceOf(List.class);
    }

    @Test
    void nestedStructsCountToo() {
        XmlRpcCodec shallow = new XmlRpcCodec(XmlRpcLimits.DEFAULTS.withMaxDepth(3));
        String deep = "<methodResponse><params><param><value>"
                + "<struct><member><name>a</name><value>".repeat(4) + "x" + "</value></member></struct>".repeat(4)
                + "</value></param></params></methodResponse>";
        assertThatThrownBy(() -> shallow.decodeResponse(bytes(deep)))
                .isInstanceOf(XmlRpcLimitExceededException.class).hasMessageContaining("deeper than 3");
    }

    @Test
    void overlongStringsAndNamesAreRefused() {
        XmlRpcCodec limited = new XmlRpcCodec(XmlRpcLimits.DEFAULTS.withMaxStringChars(100));
        assertThatThrownBy(() -> limited.decodeResponse(codec.encodeResponse("y".repeat(101))))
                .isInstanceOf(XmlRpcLimitExceededException.class)
                .hasMessageStartingWith("XML-RPC string longer than 100 characters");
        assertThatThrownBy(() -> limited.decodeResponse(codec.encodeResponse(java.util.Map.of("k".repeat(101), 1))))
                .isInstanceOf(XmlRpcLimitExceededException.class);
        assertThat(limited.decodeResponse(codec.encodeResponse("y".repeat(100)))).isEqualTo("y".repeat(100));
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new XmlRpcLimits(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Counts what the decoder pulls, to show it stops early. */
    private static final class CountingStream extends InputStream {
        private final ByteArrayInputStream in;
        long read;

        CountingStream(byte[] data) {
            this.in = new ByteArrayInputStream(data);
        }

        @Override
        public int read() {
            int b = in.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = in.read(b, off, Math.min(len, 512));
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }
}
