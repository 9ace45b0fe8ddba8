package org.fedoraproject.pdcupdater.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgSigner;
import org.fedoraproject.pdcupdater.fedmsg.pki.LocalPkiDirectory;

/**
 * Builds fedmsg envelopes signed by a publisher certificate of a local test CA, numbered like a
 * real publisher numbers them ({@code i} = 1, 2, 3...).
 */
public final class SignedMessages {

    private final FedmsgSigner signer;
    private final AtomicLong sequence = new AtomicLong();
    private final Clock clock;

    private SignedMessages(FedmsgSigner signer, Clock clock) {
        this.signer = signer;
        this.clock = clock;
    }

    /** A publisher named {@code certname} in the local CA at {@code pkiDir} (made if missing). */
    public static SignedMessages publisher(Path pkiDir, String certname) {
        try {
            LocalPkiDirectory.ensure(pkiDir, List.of(certname));
            return new SignedMessages(FedmsgSigner.fromSsldir(pkiDir, certname), Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next message of this publisher: a fresh msg_id and the next sequence number. */
    public ObjectNode next(String topic, JsonNode body) {
        ObjectNode envelope = FedmsgSigner.newEnvelope(topic, body, sequence.incrementAndGet(), "tester", clock);
        envelope.put("msg_id", "2026-" + UUID.randomUUID());
        return signer.sign(envelope);
    }

    /** Re-signs an envelope after a test changed it. */
    public ObjectNode sign(ObjectNode envelope) {
        envelope.remove("signature");
        envelope.remove("certificate");
        return signer.sign(envelope);
    }

    public long lastSequence() {
        return sequence.get();
    }
}
