package org.fedoraproject.pdcupdater.source.koji;

/** A document went past one of the {@link XmlRpcLimits}; reading stopped there. */
public class XmlRpcLimitExceededException extends XmlRpcException {

    public XmlRpcLimitExceededException(String message) {
        super(message);
    }
}
