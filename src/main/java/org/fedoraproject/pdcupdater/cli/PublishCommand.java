package org.fedoraproject.pdcupdater.cli;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgSigner;
import org.fedoraproject.pdcupdater.fedmsg.pki.LocalPkiDirectory;
import org.fedoraproject.pdcupdater.ingress.FedmsgConfiguration;
import org.fedoraproject.pdcupdater.publish.BundledMessages;
import org.fedoraproject.pdcupdater.publish.LocalBusPublisher;
import org.fedoraproject.pdcupdater.publish.MessageFiles;
import org.fedoraproject.pdcupdater.publish.Republisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code publish}: signs message files with the local CA and sends them onto a local bus. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Signs message files and publishes them on a local bus.", "",
                "Signs message files (fixture format: an envelope with topic and msg; also a JSON array of "
                + "them or a datagrepper page) with the local CA's certificate "
                + FedmsgConfiguration.LOCAL_PUBLISHER + " (fedmsg.local-pki-dir) and publishes them on a local bus, as a fedmsg publisher would: "
                + "numbered i = 1, 2, 3..., stamped with the current time, the file's msg_id kept unless "
                + "--new-msg-id. Topics of another environment (org.fedoraproject.stg....) are moved to "
                + "fedmsg.topic-prefix. Waits for a subscriber first (PUB/SUB drops what is sent before one "
                + "subscribed)."})
final class PublishCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "message files")
    List<Path> files;

    @Option(names = "--endpoint", paramLabel = "ENDPOINT",
            description = "where to publish (default: the first of fedmsg.endpoints)")
    String endpoint;

    @Option(names = "--connect", description = "connect to the endpoint (e.g. a relay) instead of binding it")
    boolean connect;

    @Option(names = "--new-msg-id", description = "give every message a new msg_id instead of the file's")
    boolean newMsgId;

    @Option(names = "--keep-topic", description = "publish the topics exactly as in the files")
    boolean keepTopic;

    @Option(names = "--wait", defaultValue = "30", paramLabel = "SECONDS",
            description = "how long to wait for a subscriber (default: ${DEFAULT-VALUE})")
    int waitSeconds;

    @Override
    public Integer call() throws Exception {
        CliSettings settings = new CliSettings();
        String pki = settings.get("fedmsg.local-pki-dir", "");
        if (pki.isEmpty()) {
            System.err.println("fedmsg.local-pki-dir is empty: publish signs with the local CA only");
            return 1;
        }
        Path pkiDir = Path.of(pki);
        LocalPkiDirectory.ensure(pkiDir, List.of(FedmsgConfiguration.LOCAL_PUBLISHER));
        Republisher republisher = new Republisher(FedmsgSigner.fromSsldir(pkiDir, FedmsgConfiguration.LOCAL_PUBLISHER),
                settings.get("fedmsg.topic-prefix", "org.fedoraproject.prod."), !keepTopic, newMsgId, Clock.systemUTC());
        String target = endpoint != null ? endpoint : settings.get("fedmsg.endpoints", "").split(",")[0].strip();
        int sent = 0;
        try (LocalBusPublisher bus = connect ? LocalBusPublisher.connect(target) : LocalBusPublisher.bind(target)) {
            System.err.println((connect ? "Connected to " : "Bound ") + target + "; waiting for a subscriber...");
            if (!bus.awaitSubscriber(Duration.ofSeconds(waitSeconds))) {
                System.err.println("nobody subscribed within " + waitSeconds + " s; nothing sent");
                return 1;
            }
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (ObjectNode envelope : MessageFiles.read(in, file.toString())) {
                        ObjectNode signed = republisher.prepare(envelope,
                                BundledMessages.stableId(file.getFileName().toString()) + "-" + sent);
                        bus.send(signed);
                        sent++;
                        System.out.println(signed.get("msg_id").asText() + " " + signed.get("topic").asText());
                    }
                }
            }
        }
        System.err.println(sent + " messages published on " + target);
        return 0;
    }
}
