package org.fedoraproject.pdcupdater.source.koji;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/** camel-main binds {@code kojiClient} from {@code koji.*} properties. */
class KojiConfigurationTest {

    @Test
    void bindsAKojiClientFromProperties() throws Exception {
        Main main = new Main();
        main.configure().addConfiguration(KojiConfiguration.class);
        main.addInitialProperty("koji.url", "http://127.0.0.1:1/kojihub");
        main.addInitialProperty("koji.read-timeout", "5000");
        main.addInitialProperty("koji.multicall-batch-size", "250");
        main.start();
        try {
            KojiClient client = main.getCamelContext().getRegistry().lookupByNameAndType("kojiClient", KojiClient.class);
            assertThat(client).isNotNull();
            assertThat(client.settings().hubUrl()).isEqualTo(URI.create("http://127.0.0.1:1/kojihub"));
            assertThat(client.settings().readTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(client.settings().multicallBatchSize()).isEqualTo(250);
            assertThat(client.settings().maxAttempts()).isEqualTo(5);
            assertThat(client.settings().limits().maxBytes()).isEqualTo(XmlRpcLimits.DEFAULT_MAX_BYTES);
        } finally {
            main.stop();
        }
    }
}
