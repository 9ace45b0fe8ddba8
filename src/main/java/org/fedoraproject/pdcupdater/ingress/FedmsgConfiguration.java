package org.fedoraproject.pdcupdater.ingress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Configuration;
import org.apache.camel.Processor;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.IdempotentRepository;
import org.fedoraproject.pdcupdater.cluster.Leadership;
import org.fedoraproject.pdcupdater.fedmsg.EnvelopeParser;
import org.fedoraproject.pdcupdater.fedmsg.SignatureVerifier;
import org.fedoraproject.pdcupdater.fedmsg.VerifierSettings;
import org.fedoraproject.pdcupdater.fedmsg.pki.LocalPkiDirectory;
import org.fedoraproject.pdcupdater.observe.IngressMetrics;

/** Binds the envelope parser, the signature verifier and the gate that uses them. */
@Configuration
public class FedmsgConfiguration implements CamelConfiguration, CamelContextAware {

    /** The certificate name the embedded default signs its own local messages with. */
    public static final String LOCAL_PUBLISHER = "pdc-updater-local";

    @PropertyInject("fedmsg.topic-prefix")
    private String topicPrefix;
    @PropertyInject(value = "fedmsg.validate-signatures", defaultValue = "true")
    private boolean validateSignatures;
    @PropertyInject(value = "fedmsg.ca-cert", defaultValue = "")
    private String caCert;
    @PropertyInject(value = "fedmsg.crl", defaultValue = "")
    private String crl;
    @PropertyInject(value = "fedmsg.routing-policy", defaultValue = "")
    private String routingPolicy;
    @PropertyInject(value = "fedmsg.routing-nitpicky", defaultValue = "false")
    private boolean routingNitpicky;
    @PropertyInject(value = "fedmsg.max-message-size", defaultValue = "16777216")
    private int maxMessageSize;
    @PropertyInject(value = "fedmsg.local-pki-dir", defaultValue = "")
    private String localPkiDir;
    @PropertyInject(value = "fedmsg.verify-threads", defaultValue = "2")
    private int verifyThreads;

    private CamelContext camelContext;
    private FedmsgGate gate;
    private VerifyAhead verifyAhead;

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @BindToRegistry("signatureVerifier")
    public SignatureVerifier signatureVerifier() {
        if (!localPkiDir.isBlank()) {
            // The embedded default trusts a CA of its own, made on first start, so that a new user
            // gets verified messages without Fedora's CA; production leaves fedmsg.local-pki-dir empty.
            try {
                LocalPkiDirectory.ensure(Path.of(localPkiDir), List.of(LOCAL_PUBLISHER));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the local CA in " + localPkiDir, e);
            }
        }
        return new SignatureVerifier(new VerifierSettings(validateSignatures, path(caCert), path(crl),
                path(routingPolicy), routingNitpicky));
    }

    @BindToRegistry("fedmsgGate")
    public synchronized FedmsgGate fedmsgGate(SignatureVerifier signatureVerifier, IngressMetrics ingressMetrics,
                                              GapReplayer gapReplayer, Checkpoint ingressCheckpoint) {
        if (gate == null) {
            gate = new FedmsgGate(new EnvelopeParser(maxMessageSize), signatureVerifier, ingressMetrics, gapReplayer,
                    ingressCheckpoint, topicPrefix);
        }
        return gate;
    }

    /** Verification on its own threads, in order (fedmsg.verify-threads; 0: on the bus thread). */
    @BindToRegistry(value = "verifyAhead", destroyMethod = "close")
    public synchronized VerifyAhead verifyAhead(FedmsgGate fedmsgGate, IdempotentRepository processedMessages) {
        if (verifyAhead == null) {
            verifyAhead = new VerifyAhead(fedmsgGate, verifyThreads, processedMessages, new LeaderEpoch());
        }
        return verifyAhead;
    }

    /*
     * The steps every live message passes, bound once as processors ("process: ref:" in
     * routes/ingress.camel.yaml): a "bean:" step resolves its method and binds its parameters per
     * message, which cost the one in-order fedmsg-accept thread more than the steps themselves.
     */

    // Bean methods with parameters cannot take one another's beans as parameters here (they are
    // bound lazily); each processor gets the one instance from the method that makes it.

    @BindToRegistry("startVerification")
    public Processor startVerification(SignatureVerifier signatureVerifier, IngressMetrics ingressMetrics,
                                       GapReplayer gapReplayer, Checkpoint ingressCheckpoint,
                                       IdempotentRepository processedMessages) {
        return verifyAhead(fedmsgGate(signatureVerifier, ingressMetrics, gapReplayer, ingressCheckpoint),
                processedMessages)::start;
    }

    @BindToRegistry("finishVerification")
    public Processor finishVerification(SignatureVerifier signatureVerifier, IngressMetrics ingressMetrics,
                                        GapReplayer gapReplayer, Checkpoint ingressCheckpoint,
                                        IdempotentRepository processedMessages) {
        return verifyAhead(fedmsgGate(signatureVerifier, ingressMetrics, gapReplayer, ingressCheckpoint),
                processedMessages)::finish;
    }

    @BindToRegistry("watchSequence")
    public Processor watchSequence(SignatureVerifier signatureVerifier, IngressMetrics ingressMetrics,
                                   GapReplayer gapReplayer, Checkpoint ingressCheckpoint) {
        return fedmsgGate(signatureVerifier, ingressMetrics, gapReplayer, ingressCheckpoint)::watchSequence;
    }

    @BindToRegistry("markCheckpoint")
    public Processor markCheckpoint(SignatureVerifier signatureVerifier, IngressMetrics ingressMetrics,
                                    GapReplayer gapReplayer, Checkpoint ingressCheckpoint) {
        return fedmsgGate(signatureVerifier, ingressMetrics, gapReplayer, ingressCheckpoint)::handled;
    }

    @BindToRegistry("countDuplicate")
    public Processor countDuplicate(IngressMetrics ingressMetrics) {
        return exchange -> ingressMetrics.duplicate();
    }

    @BindToRegistry("countUnhandled")
    public Processor countUnhandled(IngressMetrics ingressMetrics) {
        return exchange -> ingressMetrics.unhandled();
    }

    @BindToRegistry("rejectionRecorder")
    public RejectionRecorder rejectionRecorder(RejectedMessageStore rejectedMessages, IngressMetrics ingressMetrics) {
        return new RejectionRecorder(rejectedMessages, ingressMetrics);
    }

    /**
     * The leader epoch, for the look-ahead of msg_ids; the leadership bean is bound by
     * cluster.ClusterConfiguration, which may run after this class, so it is found on first use.
     */
    private final class LeaderEpoch implements LongSupplier {

        private volatile Leadership leadership;

        @Override
        public long getAsLong() {
            Leadership known = leadership;
            if (known == null) {
                known = camelContext.getRegistry().lookupByNameAndType("leadership", Leadership.class);
                leadership = known;
            }
            return known.epoch();
        }
    }

    private static Path path(String value) {
        return value == null || value.isBlank() ? null : Path.of(value);
    }
}
