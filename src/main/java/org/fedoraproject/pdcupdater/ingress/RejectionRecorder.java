package org.fedoraproject.pdcupdater.ingress;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.fedoraproject.pdcupdater.fedmsg.RejectedMessageException;
import org.fedoraproject.pdcupdater.fedmsg.zeromq.ZeroMqConstants;
import org.fedoraproject.pdcupdater.observe.IngressMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs, counts and stores a message the gate refused, so it is never dropped silently. */
public class RejectionRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(RejectionRecorder.class);

    private final RejectedMessageStore store;
    private final IngressMetrics metrics;

    public RejectionRecorder(RejectedMessageStore store, IngressMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    public void record(Exchange exchange) {
        RejectedMessageException rejection = exchange.getProperty(Exchange.EXCEPTION_CAUGHT,
                RejectedMessageException.class);
        Message in = exchange.getMessage();
        String topic = in.getHeader(IngressHeaders.TOPIC, in.getHeader(ZeroMqConstants.TOPIC, String.class), String.class);
        String msgId = in.getHeader(IngressHeaders.MSG_ID, String.class);
        String source = in.getHeader(IngressHeaders.SOURCE, "unknown", String.class);
        String reason = rejection.code();
        byte[] raw = in.getBody(byte[].class);
        metrics.rejected(reason);
        long id = store.store(source, topic, msgId, reason, rejection.getMessage(), raw);
        LOG.warn("Rejected message #{} from {} (topic {}, msg_id {}): {}: {}", id, source, topic, msgId, reason,
                rejection.getMessage());
    }
}
