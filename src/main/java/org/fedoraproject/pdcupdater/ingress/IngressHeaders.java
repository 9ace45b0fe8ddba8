package org.fedoraproject.pdcupdater.ingress;

/** Header names the ingress sets for the dispatch and handler routes. */
public final class IngressHeaders {

    /** Where the raw message came from: {@link #SOURCE_BUS} or {@link #SOURCE_DATAGREPPER}. */
    public static final String SOURCE = "FedmsgSource";
    public static final String SOURCE_BUS = "bus";
    public static final String SOURCE_DATAGREPPER = "datagrepper";
    /** The envelope's msg_id: the de-duplication key. */
    public static final String MSG_ID = "FedmsgMsgId";
    /** The full topic, e.g. {@code org.fedoraproject.prod.buildsys.tag}. */
    public static final String TOPIC = "FedmsgTopic";
    /** The topic without the environment prefix, e.g. {@code buildsys.tag}: what dispatch routes on. */
    public static final String KIND = "FedmsgKind";

    private IngressHeaders() {
    }
}
