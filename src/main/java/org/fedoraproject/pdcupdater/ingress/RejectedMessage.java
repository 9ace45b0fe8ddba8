package org.fedoraproject.pdcupdater.ingress;

import java.time.Instant;

/** A message that failed parsing or verification, as an operator lists it. */
public record RejectedMessage(long id, Instant receivedAt, String source, String topic, String msgId,
                              String reason, String detail, long rawSize) {
}
