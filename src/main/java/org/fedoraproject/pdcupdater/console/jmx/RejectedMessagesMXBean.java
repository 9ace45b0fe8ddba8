package org.fedoraproject.pdcupdater.console.jmx;

import java.util.List;
import java.util.Map;

/** Bus messages that failed parsing or verification ({@code org.fedoraproject.pdcupdater:type=RejectedMessages}). */
public interface RejectedMessagesMXBean {

    long getTotal();

    /** Stored rejected messages by reason (bad-signature, too-large, ...), since the database was created. */
    Map<String, Long> getCountsByReason();

    /** The newest: id, time, reason, topic, msg_id, size, detail. */
    List<String> getNewest();
}
