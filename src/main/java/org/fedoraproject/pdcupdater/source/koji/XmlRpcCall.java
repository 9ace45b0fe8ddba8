package org.fedoraproject.pdcupdater.source.koji;

import java.util.Collections;
import java.util.List;

/** A decoded {@code <methodCall>}: what a server (the Koji stand-in) receives. */
public record XmlRpcCall(String methodName, List<Object> params) {

    public XmlRpcCall {
        // Not List.copyOf: nil is a legitimate parameter.
        params = Collections.unmodifiableList(params);
    }
}
