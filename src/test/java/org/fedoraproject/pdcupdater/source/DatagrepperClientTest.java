package org.fedoraproject.pdcupdater.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.testsupport.FakeDatagrepper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DatagrepperClientTest {

    private final FakeDatagrepper server = FakeDatagrepper.withSampleMessages();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void readsEveryPageOfATimeWindowOldestFirst() {
        DatagrepperClient client = new DatagrepperClient(server.uri(), Duration.ofSeconds(5), 10);
        List<JsonNode> seen = new ArrayList<>();

        long count = client.forEachMessage(0, 2e9, seen::add);

        assertThat(count).isEqualTo(25);
        assertThat(seen).extracting(m -> m.get("timestamp").asDouble()).isSorted();
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void onlyTheWindowIsReturned() {
        DatagrepperClient client = new DatagrepperClient(server.uri(), Duration.ofSeconds(5), 100);
        List<JsonNode> seen = new ArrayList<>();
        double first = server.messages().get(0).get("timestamp").asDouble();

        client.forEachMessage(first, first, seen::add);

        assertThat(seen).isNotEmpty().allMatch(m -> m.get("timestamp").asDouble() == first);
    }

    @Test
    void findsOneMessageById() {
        DatagrepperClient client = new DatagrepperClient(server.uri(), Duration.ofSeconds(5), 100);
        String id = server.messages().get(3).get("msg_id").asText();

        assertThat(client.byId(id)).hasValueSatisfying(m -> assertThat(m.get("msg_id").asText()).isEqualTo(id));
        assertThat(client.byId("2017-unknown")).isEmpty();
    }

    @Test
    void baseUrlWithoutTrailingSlashWorks() {
        String base = server.uri().toString();
        DatagrepperClient client = new DatagrepperClient(URI.create(base.substring(0, base.length() - 1)),
                Duration.ofSeconds(5), 100);
        assertThat(client.forEachMessage(0, 2e9, m -> { })).isEqualTo(25);
    }
}
