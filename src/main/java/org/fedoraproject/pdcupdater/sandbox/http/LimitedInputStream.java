package org.fedoraproject.pdcupdater.sandbox.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Enforces the optional body limit (Apache's LimitRequestBody in real deployments) while streaming. */
public final class LimitedInputStream extends FilterInputStream {
    public static final class TooLarge extends IOException {
        TooLarge() {
            super("request body exceeds the configured limit");
        }
    }

    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) bump(1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) bump(n);
        return n;
    }

    private void bump(long n) throws TooLarge {
        count += n;
        if (count > limit) throw new TooLarge();
    }
}
