package org.fedoraproject.pdcupdater.source.koji;

/**
 * A document that is not acceptable XML-RPC: malformed XML, an unexpected element, a value that
 * does not parse, a DOCTYPE. Retrying does not help; the peer is broken or hostile.
 */
public class XmlRpcException extends RuntimeException {

    public XmlRpcException(String message) {
        super(message);
    }

    public XmlRpcException(String message, Throwable cause) {
        super(message, cause);
    }
}
