package org.fedoraproject.pdcupdater.source.koji;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class Utf8WriterTest {

    /** Random text of ASCII, Latin, CJK, pairs and lone surrogates, in pieces through every write method. */
    @Test
    void writesWhatOutputStreamWriterWrites() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 300; i++) {
                switch (random.nextInt(6)) {
                    case 0 -> text.append((char) (0x20 + random.nextInt(0x5F)));
                    case 1 -> text.append((char) (0x80 + random.nextInt(0x780)));
                    case 2 -> text.append((char) (0x800 + random.nextInt(0xD000)));
                    case 3 -> text.appendCodePoint(0x10000 + random.nextInt(0x10000));
                    case 4 -> text.append((char) (0xD800 + random.nextInt(0x800)));
                    default -> text.append("plain ascii ");
                }
            }
            String s = text.toString();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            try (OutputStreamWriter w = new OutputStreamWriter(expected, StandardCharsets.UTF_8)) {
                w.write(s);
            }
            ByteArrayOutputStream actual = new ByteArrayOutputStream();
            // A small buffer, so pieces and pairs straddle its flushes.
            try (Utf8Writer w = new Utf8Writer(actual, 16)) {
                int at = 0;
                while (at < s.length()) {
                    int to = Math.min(s.length(), at + 1 + random.nextInt(20));
                    switch (random.nextInt(4)) {
                        case 0 -> w.write(s, at, to - at);
                        case 1 -> w.append(s, at, to);
                        case 2 -> w.write(s.substring(at, to).toCharArray());
                        default -> {
                            for (int i = at; i < to; i++) {
                                w.write(s.charAt(i));
                            }
                        }
                    }
                    at = to;
                }
            }
            assertThat(actual.toByteArray()).as("round %d", round).isEqualTo(expected.toByteArray());
        }
    }
}
