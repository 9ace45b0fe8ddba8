package org.fedoraproject.pdcupdater.source.koji;

/** The hub (or a proxy before it) answered with an HTTP status other than 200. */
public class KojiHttpException extends RuntimeException {

    private final int status;

    public KojiHttpException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** 5xx and 429: the hub or its proxy is overloaded or restarting; asking again later may work. */
    public boolean isTransient() {
        return status >= 500 || status == 429;
    }
}
