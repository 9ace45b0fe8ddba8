package org.fedoraproject.pdcupdater.source.koji;

/**
 * Bounds on what the XML-RPC decoder accepts, so a broken or hostile peer cannot exhaust memory
 * or the stack.
 *
 * @param maxBytes       largest document read, in bytes (the whole HTTP body)
 * @param maxDepth       deepest nesting of arrays and structs inside one value
 * @param maxStringChars longest single string, struct member name or base64 text, in characters
 */
public record XmlRpcLimits(long maxBytes, int maxDepth, int maxStringChars) {

    /** 256 MiB: a {@code listTagged} of a whole Fedora release with extra data stays well below. */
    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;
    /** Koji's results nest three or four levels; 64 leaves room without risking the stack. */
    public static final int DEFAULT_MAX_DEPTH = 64;
    /** 16 Mi characters: far above any changelog or build extra Koji stores in one field. */
    public static final int DEFAULT_MAX_STRING_CHARS = 16 * 1024 * 1024;

    public static final XmlRpcLimits DEFAULTS =
            new XmlRpcLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_STRING_CHARS);

    public XmlRpcLimits {
        if (maxBytes <= 0 || maxDepth <= 0 || maxStringChars <= 0) {
            throw new IllegalArgumentException("XML-RPC limits must be positive: " + maxBytes + ", "
                    + maxDepth + ", " + maxStringChars);
        }
    }

    public XmlRpcLimits withMaxBytes(long bytes) {
        return new XmlRpcLimits(bytes, maxDepth, maxStringChars);
    }

    public XmlRpcLimits withMaxDepth(int depth) {
        return new XmlRpcLimits(maxBytes, depth, maxStringChars);
    }

    public XmlRpcLimits withMaxStringChars(int chars) {
        return new XmlRpcLimits(maxBytes, maxDepth, chars);
    }
}
