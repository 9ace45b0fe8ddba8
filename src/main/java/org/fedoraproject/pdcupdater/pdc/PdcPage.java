package org.fedoraproject.pdcupdater.pdc;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One page of a PDC list: {@code {"count", "next", "previous", "results"}} (contract 1.5). A bare-array answer
 * ({@code page_size=-1}) is represented as a single page with {@code next == null}.
 *
 * @param count    total number of matching objects
 * @param next     absolute URL of the next page, or null
 * @param previous absolute URL of the previous page, or null
 * @param results  the objects of this page
 */
public record PdcPage(int count, String next, String previous, List<JsonNode> results) {
    public PdcPage {
        results = List.copyOf(results);
    }
}
