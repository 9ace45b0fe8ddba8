package org.fedoraproject.pdcupdater.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's list shortcuts (remembered counts, keyset seeks from a page served shortly before) answer
 * exactly what plain COUNT and LIMIT/OFFSET would, whatever order the pages are asked for in.
 */
class ListPagingTest extends SandboxTestBase {

    private List<String> all;

    @BeforeEach
    void rows() {
        StringBuilder bulk = new StringBuilder("[");
        for (int i = 0; i < 550; i++) {
            bulk.append(i == 0 ? "" : ",").append(j("{'name': 'pkg" + String.format("%04d", i) + "'}"));
        }
        assertThat(c.post("global-components/", bulk.append("]").toString()).status()).isEqualTo(201);
        all = names(c.get("global-components/?page_size=-1").body());
        assertThat(all).hasSize(550);
    }

    @Test
    void pagesAskedForOutOfOrderHoldTheRowsOfTheirPlace() {
        for (int page : new int[] {1, 4, 2, 6, 3, 5, 5, 1, 6}) {
            JsonNode body = c.get("global-components/?page_size=100&page=" + page).body();
            assertThat(body.get("count").asLong()).isEqualTo(550);
            assertThat(names(body.get("results"))).as("page %d", page)
                    .isEqualTo(all.subList((page - 1) * 100, Math.min(550, page * 100)));
        }
    }

    @Test
    void aWriteEndsTheRememberedCountsAndSeeks() {
        assertThat(c.get("global-components/?page_size=100&page=1").body().get("count").asLong()).isEqualTo(550);
        assertThat(c.get("global-components/?page_size=100&page=2").body().get("count").asLong()).isEqualTo(550);
        // A row with a lower id than page 3's seek point cannot exist, so delete one from page 2 instead.
        String gone = all.get(150);
        JsonNode row = c.get("global-components/?name=" + gone).body().get("results").get(0);
        assertThat(c.delete("global-components/" + row.get("id").asLong() + "/", null).status()).isEqualTo(204);

        JsonNode page3 = c.get("global-components/?page_size=100&page=3").body();
        assertThat(page3.get("count").asLong()).isEqualTo(549);
        List<String> left = new ArrayList<>(all);
        left.remove(gone);
        assertThat(names(page3.get("results"))).isEqualTo(left.subList(200, 300));
    }

    private static List<String> names(JsonNode rows) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.get("name").asText()));
        return out;
    }
}
