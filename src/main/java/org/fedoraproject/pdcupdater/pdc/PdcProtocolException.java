package org.fedoraproject.pdcupdater.pdc;

/**
 * The exchange did not follow the PDC contract: a redirect (a URL without its trailing slash or an http/https mix-up in the API root: never followed, since a replayed write would turn into a GET and the token could go to another host), or a body that is not the JSON expected. A bug or misconfiguration; permanent.
 */
public class PdcProtocolException extends PdcException {

    public PdcProtocolException(String message, Failure failure) {
        super(message, failure, null);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
