package org.fedoraproject.pdcupdater.source.koji;

/**
 * The hub answered with an XML-RPC {@code <fault>}: the call reached Koji and Koji refused it (no
 * such tag, bad arguments, unknown method). The same call would fail again, so it is never retried.
 */
public class KojiFaultException extends RuntimeException {

    /** koji.GenericError, the code of most of the hub's refusals (koji/__init__.py). */
    public static final int GENERIC_ERROR = 1000;
    /** koji.ParameterError: the arguments do not fit the method. */
    public static final int PARAMETER_ERROR = 1019;

    private final int faultCode;
    private final String faultString;

    public KojiFaultException(int faultCode, String faultString) {
        super("Koji fault " + faultCode + ": " + faultString);
        this.faultCode = faultCode;
        this.faultString = faultString;
    }

    public int faultCode() {
        return faultCode;
    }

    public String faultString() {
        return faultString;
    }
}
