package org.fedoraproject.pdcupdater.source.koji;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.function.Consumer;

/**
 * XML-RPC as Koji speaks it: the standard types plus the {@code <nil/>} and {@code <i8>}
 * extensions (koji/xmlrpcplus.py), encoded and decoded as streams.
 *
 * <p>Values map to Java as listed in {@link XmlRpcReader}; for encoding, any {@code Map} with string
 * keys is a struct, any {@code Iterable} or array an array, {@code Long} goes out as {@code <int>}
 * when it fits 32 bits and as {@code <i8>} otherwise (as Koji does), and {@code Instant},
 * {@code OffsetDateTime} and {@code ZonedDateTime} are written in UTC, whole seconds.
 *
 * <p>Decoding refuses DOCTYPEs and entity references and honours the {@link XmlRpcLimits}.
 * Thread-safe: every call works on its own parser.
 */
public final class XmlRpcCodec {

    /**
     * Responses up to this size are read into memory and parsed from their bytes ({@link XmlRpcFastReader}): a
     * multicall batch of Koji's RPMs is about 500 KB. Larger ones stream through the StAX reader.
     */
    private static final long IN_MEMORY_MAX_BYTES = 8L * 1024 * 1024;

    private final XmlRpcLimits limits;

    public XmlRpcCodec() {
        this(XmlRpcLimits.DEFAULTS);
    }

    public XmlRpcCodec(XmlRpcLimits limits) {
        this.limits = limits;
    }

    public XmlRpcLimits limits() {
        return limits;
    }

    // ---- encoding

    public byte[] encodeCall(String methodName, List<?> params) {
        return toBytes(out -> encodeCall(methodName, params, out));
    }

    /** Writes a {@code <methodCall>}; flushes but does not close {@code out}. */
    public void encodeCall(String methodName, List<?> params, OutputStream out) throws IOException {
        write(out, writer -> writer.methodCall(methodName, params));
    }

    public byte[] encodeResponse(Object result) {
        return toBytes(out -> encodeResponse(result, out));
    }

    /** Writes a successful {@code <methodResponse>}; an {@code Iterable} result is written as it is iterated. */
    public void encodeResponse(Object result, OutputStream out) throws IOException {
        write(out, writer -> writer.methodResponse(result));
    }

    public byte[] encodeFault(int faultCode, String faultString) {
        return toBytes(out -> encodeFault(faultCode, faultString, out));
    }

    public void encodeFault(int faultCode, String faultString, OutputStream out) throws IOException {
        write(out, writer -> writer.fault(faultCode, faultString));
    }

    // ---- decoding

    /**
     * The value of a {@code <methodResponse>}.
     *
     * @throws KojiFaultException             when the response is a fault
     * @throws XmlRpcLimitExceededException   when the document passes a limit
     * @throws XmlRpcException                when it is not well-formed XML-RPC
     * @throws UncheckedIOException           when reading the stream fails
     */
    public Object decodeResponse(InputStream in) {
        // A response that fits in memory is read from its bytes by the plain-shape reader; the rest, and anything
        // that reader leaves undecided, by the StAX reader as before.
        int cap = (int) Math.min(limits.maxBytes() + 1, IN_MEMORY_MAX_BYTES);
        byte[] head;
        try {
            head = in.readNBytes(cap);
        } catch (IOException e) {
            // As XmlRpcReader reports a broken stream.
            throw new UncheckedIOException("reading XML-RPC failed: " + e.getMessage(), e);
        }
        if (head.length == cap) {
            InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head), in);
            return new XmlRpcReader(whole, limits).response();
        }
        return decodeResponse(head, head.length);
    }

    public Object decodeResponse(byte[] document) {
        return decodeResponse(document, document.length);
    }

    private Object decodeResponse(byte[] document, int length) {
        Object fast = XmlRpcFastReader.read(document, length, limits);
        if (fast != XmlRpcFastReader.DEFER) {
            return fast;
        }
        return new XmlRpcReader(new ByteArrayInputStream(document, 0, length), limits).response();
    }

    /**
     * Streams a response whose value is an array: each element goes to {@code eachElement} as soon
     * as it has been read, so a result of tens of thousands of builds never sits in memory whole.
     * Exceptions as for {@link #decodeResponse(InputStream)}; a non-array value is an
     * {@link XmlRpcException}.
     *
     * @return the number of elements
     */
    public long decodeArrayResponse(InputStream in, Consumer<Object> eachElement) {
        return XmlRpcFastReader.streamArray(in, limits, eachElement);
    }

    /** A {@code <methodCall>}, as a server reads it. */
    public XmlRpcCall decodeCall(InputStream in) {
        return new XmlRpcReader(in, limits).call();
    }

    // ---- plumbing

    private interface WriterAction {
        void write(XmlRpcWriter writer) throws IOException;
    }

    private interface StreamAction {
        void write(OutputStream out) throws IOException;
    }

    private void write(OutputStream out, WriterAction action) throws IOException {
        Writer text = new Utf8Writer(out, 64 * 1024);
        action.write(new XmlRpcWriter(text, limits.maxDepth()));
        text.flush();
    }

    private static byte[] toBytes(StreamAction action) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try {
            action.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }
}
