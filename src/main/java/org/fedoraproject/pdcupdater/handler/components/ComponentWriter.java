package org.fedoraproject.pdcupdater.handler.components;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcOutcome;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes release components with what they depend on: the global component (must exist before the release
 * component can name it) and the Bugzilla component the release component links to.
 */
final class ComponentWriter {

    static final String GLOBAL_COMPONENTS = "global-components";
    static final String BUGZILLA_COMPONENTS = "bugzilla-components";

    private final Pdc pdc;

    ComponentWriter(Pdc pdc) {
        this.pdc = pdc;
    }

    /**
     * One component, idempotently: the global component is ensured by name, the Bugzilla component is PDC's own
     * get-or-create, and the release component is created, or PATCHed in only the fields that differ, or left
     * alone when nothing differs (a second handling writes nothing).
     */
    PdcOutcome ensure(DesiredComponent component, ChangeComment comment) {
        pdc.globalComponents().ensure(component.name(), comment);
        if (component.wantsBugzilla()) {
            pdc.bugzillaComponents().ensure(component.name(), null, comment);
        }
        return pdc.client().upsertOutcome(DesiredComponent.RESOURCE, component.naturalKey(), component.body(false),
                comment);
    }

    /**
     * Many objects PDC lacks, in bulk requests (chunked by the client): first the global components, then the
     * Bugzilla components of the release components (PDC's create answers an existing one without a change, so no
     * look-up is needed), then the release components. Anything someone else created meanwhile is found instead of
     * duplicated.
     *
     * @param newGlobals    global components PDC lacks (the release components' own must exist or be in here)
     * @param newComponents release components PDC lacks
     * @return how many objects were sent for creation
     */
    long createAll(Collection<String> newGlobals, List<DesiredComponent> newComponents, ChangeComment comment) {
        if (!newGlobals.isEmpty()) {
            pdc.client().bulkEnsure(GLOBAL_COMPONENTS, newGlobals.stream().map(n -> Map.of("name", n)).toList(),
                    ComponentWriter::byName, comment);
        }
        Set<String> bugzilla = new LinkedHashSet<>();
        List<Map<String, Object>> releaseComponents = new ArrayList<>(newComponents.size());
        for (DesiredComponent c : newComponents) {
            if (c.wantsBugzilla()) {
                bugzilla.add(c.name());
            }
            releaseComponents.add(c.body(true));
        }
        if (!bugzilla.isEmpty()) {
            List<Map<String, Object>> bodies = new ArrayList<>(bugzilla.size());
            for (String name : bugzilla) {
                Map<String, Object> body = new HashMap<>();
                body.put("name", name);
                body.put("parent_pk", null);
                bodies.add(body);
            }
            pdc.client().bulkCreate(BUGZILLA_COMPONENTS, bodies, comment);
        }
        if (!releaseComponents.isEmpty()) {
            pdc.client().bulkEnsure(DesiredComponent.RESOURCE, releaseComponents,
                    body -> DesiredComponent.naturalKey(body.path("release").asText(), body.path("name").asText(),
                            body.path("type").asText()), comment);
        }
        return newGlobals.size() + bugzilla.size() + releaseComponents.size();
    }

    private static Map<String, ?> byName(JsonNode body) {
        return Map.of("name", body.path("name").asText());
    }
}
