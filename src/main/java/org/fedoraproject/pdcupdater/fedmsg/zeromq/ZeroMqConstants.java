package org.fedoraproject.pdcupdater.fedmsg.zeromq;

import org.apache.camel.spi.Metadata;

/**
 * Message headers of the {@code zeromq:} component. The names carry the usual {@code Camel} prefix so that
 * Camel's default header filtering keeps them away from outgoing HTTP calls to PDC.
 */
public final class ZeroMqConstants {

    @Metadata(label = "consumer,producer", javaType = "String",
              description = "The topic frame of the message, decoded as UTF-8 (fedmsg topics are ASCII). On the"
                            + " producer it overrides the endpoint's topic option.")
    public static final String TOPIC = "CamelZeroMqTopic";

    @Metadata(label = "consumer", javaType = "long",
              description = "When the receive thread took the message off the socket, in milliseconds since the epoch."
                            + " Compare with the envelope's timestamp to see how late the bus delivers.")
    public static final String RECEIVED_TIMESTAMP = "CamelZeroMqReceivedTimestamp";

    @Metadata(label = "consumer", javaType = "String",
              description = "The configured publisher endpoint the message came from, e.g. tcp://koji.example:3000."
                            + " fedmsg sequence numbers are per publisher, so gap detection needs it.")
    public static final String ENDPOINT = "CamelZeroMqEndpoint";

    @Metadata(label = "consumer", javaType = "int",
              description = "How many frames the ZeroMQ message had; a well-formed fedmsg message has 2.")
    public static final String FRAME_COUNT = "CamelZeroMqFrameCount";

    @Metadata(label = "consumer", javaType = "String",
              description = "Set only when the message is not a well-formed (topic, body) pair: why it was rejected,"
                            + " e.g. 'expected 2 frames, got 3'. The body then holds the second frame if there was one,"
                            + " else the first, so the route can log or dead-letter it.")
    public static final String MALFORMED = "CamelZeroMqMalformed";

    private ZeroMqConstants() {
    }
}
