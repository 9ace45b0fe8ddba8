package org.fedoraproject.pdcupdater.source.koji;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes the XML parser pulls and stops it once they pass the limit, so an endless or
 * oversized body costs at most {@code limit} bytes of reading, whatever the Content-Length said.
 */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private long count;
    private boolean exceeded;

    LimitedInputStream(InputStream in, long limit) {
        this(in, limit, 0);
    }

    /** @param counted bytes of the document already read elsewhere (negative for bytes added in front of it) */
    LimitedInputStream(InputStream in, long limit, long counted) {
        super(in);
        this.limit = limit;
        this.count = counted;
    }

    /** Whether reading stopped at the limit; the XML parser may wrap our exception beyond recognition. */
    boolean exceeded() {
        return exceeded;
    }

    long limit() {
        return limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void counted(long n) throws IOException {
        count += n;
        if (count > limit) {
            exceeded = true;
            throw new IOException("XML-RPC document larger than " + limit + " bytes");
        }
    }
}
