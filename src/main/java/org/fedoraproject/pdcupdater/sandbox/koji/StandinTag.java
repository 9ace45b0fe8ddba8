package org.fedoraproject.pdcupdater.sandbox.koji;

import java.util.List;
import java.util.Map;

/**
 * A tag in the stand-in's model. {@code parents} are tag names in inheritance priority order;
 * {@code listTagged(..., inherit=True)} follows them.
 */
public record StandinTag(
        int id,
        String name,
        String arches,
        boolean locked,
        String perm,
        List<String> parents,
        Map<String, Object> extra) {

    public StandinTag {
        parents = parents == null ? List.of() : List.copyOf(parents);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    public static StandinTag of(int id, String name, String... parents) {
        return new StandinTag(id, name, null, false, null, List.of(parents), Map.of());
    }
}
