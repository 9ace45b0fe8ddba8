package org.fedoraproject.pdcupdater.source.koji;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * A buffered UTF-8 {@link Writer} for one thread, for {@link XmlRpcWriter}: it writes a dozen short pieces per
 * struct member, and {@code BufferedWriter} over {@code OutputStreamWriter} takes a lock and goes through a
 * {@code CharsetEncoder} for each (the Koji stand-in spent most of its CPU there answering a million RPMs). ASCII,
 * nearly all of XML-RPC, is copied byte for byte. A lone surrogate goes out as '?', as {@code OutputStreamWriter}
 * writes it (XmlRpcWriter refuses those before they get here).
 */
final class Utf8Writer extends Writer {

    private final OutputStream out;
    private final byte[] buffer;
    private int count;
    /** A high surrogate written last, waiting for its low half. */
    private char pendingHigh;

    Utf8Writer(OutputStream out, int bufferSize) {
        this.out = out;
        this.buffer = new byte[Math.max(bufferSize, 8)];
    }

    @Override
    public void write(int c) throws IOException {
        put((char) c);
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            put(chars[i]);
        }
    }

    /** Copies runs of ASCII straight into the buffer; the hot path of the stand-in's answers. */
    @Override
    public void write(String s, int offset, int length) throws IOException {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (pendingHigh != 0) {
                put(s.charAt(i++));
                continue;
            }
            if (count == buffer.length) {
                flushBuffer();
            }
            int stop = Math.min(end, i + buffer.length - count);
            byte[] b = buffer;
            int c = count;
            while (i < stop) {
                char ch = s.charAt(i);
                if (ch >= 0x80) {
                    break;
                }
                b[c++] = (byte) ch;
                i++;
            }
            count = c;
            if (i < stop) {
                encode(s.charAt(i++));
            }
        }
    }

    @Override
    public Writer append(CharSequence s, int start, int end) throws IOException {
        CharSequence text = s == null ? "null" : s;
        if (text instanceof String string) {
            write(string, start, end - start);
            return this;
        }
        for (int i = start; i < end; i++) {
            put(text.charAt(i));
        }
        return this;
    }

    @Override
    public Writer append(CharSequence s) throws IOException {
        CharSequence text = s == null ? "null" : s;
        return append(text, 0, text.length());
    }

    private void put(char c) throws IOException {
        if (c < 0x80 && pendingHigh == 0) {
            if (count == buffer.length) {
                flushBuffer();
            }
            buffer[count++] = (byte) c;
            return;
        }
        encode(c);
    }

    private void encode(char c) throws IOException {
        if (count + 4 > buffer.length) {
            flushBuffer();
        }
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(c)) {
                int cp = Character.toCodePoint(high, c);
                buffer[count++] = (byte) (0xF0 | cp >> 18);
                buffer[count++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buffer[count++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buffer[count++] = (byte) (0x80 | cp & 0x3F);
                return;
            }
            buffer[count++] = '?';
            put(c);
            return;
        }
        if (c < 0x80) {
            buffer[count++] = (byte) c;
        } else if (c < 0x800) {
            buffer[count++] = (byte) (0xC0 | c >> 6);
            buffer[count++] = (byte) (0x80 | c & 0x3F);
        } else if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
        } else if (Character.isLowSurrogate(c)) {
            buffer[count++] = '?';
        } else {
            buffer[count++] = (byte) (0xE0 | c >> 12);
            buffer[count++] = (byte) (0x80 | c >> 6 & 0x3F);
            buffer[count++] = (byte) (0x80 | c & 0x3F);
        }
    }

    private void flushBuffer() throws IOException {
        if (count > 0) {
            out.write(buffer, 0, count);
            count = 0;
        }
    }

    /** Writes out what is buffered; a high surrogate stays pending, its low half may still come. */
    @Override
    public void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (pendingHigh != 0) {
            pendingHigh = 0;
            put('?');
        }
        flush();
        out.close();
    }
}
