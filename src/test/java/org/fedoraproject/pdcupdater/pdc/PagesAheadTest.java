package org.fedoraproject.pdcupdater.pdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.sandbox.PdcSandbox;
import org.fedoraproject.pdcupdater.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link PdcClient#streamAhead} against the PDC sandbox: the same objects as one page at a time, in order. */
class PagesAheadTest {

    private static final String TOKEN = "pagesahead" + UUID.randomUUID().toString().replace("-", "");
    private static final ChangeComment SETUP = ChangeComment.of("pages ahead test");

    private PdcSandbox sandbox;
    private PdcClient client;

    @BeforeEach
    void start() {
        sandbox = PdcSandbox.start(new SandboxSettings("127.0.0.1", 0,
                "jdbc:h2:mem:ahead-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", TOKEN, null, false));
        client = new PdcClient(PdcSettings.builder(sandbox.apiRoot()).token(TOKEN).build());
        create(0, 1050);
    }

    @AfterEach
    void stop() {
        client.close();
        sandbox.close();
    }

    private void create(int from, int to) {
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = from; i < to; i++) {
            bodies.add(Map.of("name", String.format("pkg%05d", i)));
        }
        client.bulkCreate("global-components", bodies, SETUP);
    }

    @Test
    void readsTheSameObjectsInTheSameOrderAsOnePageAtATime() {
        Map<String, Object> query = Map.of("ordering", "id");
        List<String> oneByOne;
        try (Stream<JsonNode> s = client.stream("global-components", query)) {
            oneByOne = s.map(o -> o.path("name").asText()).toList();
        }
        List<String> ahead;
        try (Stream<JsonNode> s = client.streamAhead("global-components", query, 4)) {
            ahead = s.map(o -> o.path("name").asText()).toList();
        }
        assertThat(oneByOne).hasSize(1050).doesNotHaveDuplicates();
        assertThat(ahead).isEqualTo(oneByOne);
    }

    @Test
    void aListThatGrowsWhileReadGoesOnByNextLinksAndMissesNothing() {
        List<String> names = new ArrayList<>();
        try (Stream<JsonNode> s = client.streamAhead("global-components", Map.of("ordering", "id"), 3)) {
            Iterator<JsonNode> it = s.iterator();
            for (int i = 0; i < 250; i++) {
                names.add(it.next().path("name").asText());
            }
            // New rows sort last; numbered pages derived from the old count would stop at page 11 (1,100 rows).
            create(1050, 1200);
            it.forEachRemaining(o -> names.add(o.path("name").asText()));
        }
        assertThat(names).hasSize(1200);
        assertThat(new HashSet<>(names)).hasSize(1200);
    }

    @Test
    void aShortListIsOnePage() {
        try (Stream<JsonNode> s = client.streamAhead("global-components", Map.of("name",
                List.of("pkg00000", "pkg00001", "pkg00002", "pkg00003", "pkg00004")), 4)) {
            assertThat(s.map(o -> o.path("name").asText()).toList()).hasSize(5);
        }
    }
}
