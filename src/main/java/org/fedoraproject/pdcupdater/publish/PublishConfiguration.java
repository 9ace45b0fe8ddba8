package org.fedoraproject.pdcupdater.publish;

import java.nio.file.Path;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

/**
 * Turns on the embedded demo ({@link EmbeddedFixtureReplay}) when the service runs on its
 * embedded defaults ({@code pdc.url} empty, a local CA) and {@code embedded.replay-fixtures} is
 * true. Never against a real PDC: the fixtures are old messages.
 */
@Configuration
public class PublishConfiguration implements CamelConfiguration {

    @PropertyInject(value = "embedded.replay-fixtures", defaultValue = "false")
    private boolean replayFixtures;
    @PropertyInject(value = "pdc.url", defaultValue = "")
    private String pdcUrl;
    @PropertyInject(value = "fedmsg.local-pki-dir", defaultValue = "")
    private String localPkiDir;
    @PropertyInject(value = "fedmsg.endpoints", defaultValue = "")
    private String endpoints;
    @PropertyInject("fedmsg.topic-prefix")
    private String topicPrefix;

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        if (replayFixtures && pdcUrl.isBlank() && !localPkiDir.isBlank() && !endpoints.isBlank()) {
            camelContext.addStartupListener(new EmbeddedFixtureReplay(endpoints.split(",")[0].strip(),
                    Path.of(localPkiDir), topicPrefix));
        }
    }
}
