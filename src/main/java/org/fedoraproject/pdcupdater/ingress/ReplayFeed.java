package org.fedoraproject.pdcupdater.ingress;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.ProducerTemplate;

/**
 * Puts messages fetched from datagrepper through the same verification and de-duplication as
 * live bus traffic, so a replayed message is trusted exactly as much as a live one.
 */
public class ReplayFeed implements CamelContextAware {

    /** The route that verifies raw messages from any source. */
    public static final String VERIFY_ENDPOINT = "direct:fedmsg-verify";

    private final String topicPrefix;
    private final ObjectMapper json = new ObjectMapper();
    private CamelContext camelContext;
    private ProducerTemplate producer;

    public ReplayFeed(String topicPrefix) {
        this.topicPrefix = topicPrefix;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    private synchronized ProducerTemplate producer() {
        if (producer == null) {
            producer = camelContext.createProducerTemplate();
        }
        return producer;
    }

    /** @return whether the message was fed (false: its topic is outside what this service listens to) */
    public boolean feed(JsonNode message) {
        String topic = message.path("topic").asText("");
        if (!topic.startsWith(topicPrefix)) {
            return false;
        }
        try {
            producer().sendBodyAndHeaders(VERIFY_ENDPOINT, json.writeValueAsBytes(message),
                    Map.of(IngressHeaders.SOURCE, IngressHeaders.SOURCE_DATAGREPPER));
            return true;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot re-serialize a datagrepper message", e);
        }
    }
}
