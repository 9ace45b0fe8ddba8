package org.fedoraproject.pdcupdater.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.fedmsg.EnvelopeParser;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgSigner;
import org.fedoraproject.pdcupdater.fedmsg.SignatureVerifier;
import org.fedoraproject.pdcupdater.fedmsg.VerifierSettings;
import org.fedoraproject.pdcupdater.fedmsg.pki.LocalPkiDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepublisherTest {

    @TempDir
    Path dir;

    @Test
    void everyBundledMessageBecomesAVerifiableMessageOfOurEnvironment() throws Exception {
        LocalPkiDirectory.ensure(dir, List.of("pdc-updater-local"));
        Republisher republisher = new Republisher(FedmsgSigner.fromSsldir(dir, "pdc-updater-local"),
                "org.fedoraproject.prod.", true, false, Clock.systemUTC());
        SignatureVerifier verifier = new SignatureVerifier(new VerifierSettings(true, dir.resolve("ca.crt"),
                dir.resolve("crl.pem"), null, false));
        EnvelopeParser parser = new EnvelopeParser();

        List<Map.Entry<String, ObjectNode>> bundled = BundledMessages.load();
        assertThat(bundled).hasSize(17);
        long i = 0;
        for (Map.Entry<String, ObjectNode> m : bundled) {
            ObjectNode signed = republisher.prepare(m.getValue(), BundledMessages.stableId(m.getKey()));
            assertThat(signed.get("topic").asText()).startsWith("org.fedoraproject.prod.");
            assertThat(signed.get("i").asLong()).isEqualTo(++i);
            assertThat(signed.get("msg")).isEqualTo(m.getValue().get("msg"));
            String original = m.getValue().path("msg_id").asText("");
            assertThat(signed.get("msg_id").asText())
                    .isEqualTo(original.isEmpty() ? BundledMessages.stableId(m.getKey()) : original);
            verifier.verify(parser.parse(org.fedoraproject.pdcupdater.fedmsg.CanonicalJson.encode(signed)));
        }
    }

    @Test
    void topicsOutsideFedoraAndKeptTopicsAreLeftAlone() throws Exception {
        LocalPkiDirectory.ensure(dir, List.of("pdc-updater-local"));
        FedmsgSigner signer = FedmsgSigner.fromSsldir(dir, "pdc-updater-local");
        Republisher rewrite = new Republisher(signer, "org.fedoraproject.prod.", true, true, Clock.systemUTC());
        assertThat(rewrite.topic("org.fedoraproject.stg.pkgdb.package.new")).isEqualTo("org.fedoraproject.prod.pkgdb.package.new");
        assertThat(rewrite.topic("io.pagure.prod.pagure.git.receive")).isEqualTo("io.pagure.prod.pagure.git.receive");
        Republisher keep = new Republisher(signer, "org.fedoraproject.prod.", false, true, Clock.systemUTC());
        assertThat(keep.topic("org.fedoraproject.stg.fas.user.create")).isEqualTo("org.fedoraproject.stg.fas.user.create");
    }
}
