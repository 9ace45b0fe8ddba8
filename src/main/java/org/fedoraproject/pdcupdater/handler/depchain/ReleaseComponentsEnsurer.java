package org.fedoraproject.pdcupdater.handler.depchain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.pdc.resource.ReleaseComponents.NewReleaseComponent;
import org.fedoraproject.pdcupdater.pdc.resource.ReleaseComponents.ReleaseComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure rpm release components (and their global components) exist, the way the original
 * pdc-updater's {@code ensure_bulk_release_components_exist} did for component groups and dependency
 * chains: a group member or a relationship end that PDC lacks is created, not skipped, because
 * both name packages that really are in the release.
 *
 * <p>Existing components are found with one list request per {@value #CHUNK} names (PDC's
 * {@code name} filter takes many values), so a group of 300 packages costs a few requests, not 600.
 */
public final class ReleaseComponentsEnsurer {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseComponentsEnsurer.class);
    /** Names per lookup request: keeps the URL well under common 8 KiB limits. */
    static final int CHUNK = 50;

    private final Pdc pdc;

    public ReleaseComponentsEnsurer(Pdc pdc) {
        this.pdc = pdc;
    }

    /** @return name → component, for every name (created where missing) */
    public Map<String, ReleaseComponent> ensure(String release, Collection<String> names, ChangeComment comment) {
        List<String> wanted = new ArrayList<>(new LinkedHashSet<>(names));
        Map<String, ReleaseComponent> found = new LinkedHashMap<>();
        for (int i = 0; i < wanted.size(); i += CHUNK) {
            List<String> chunk = wanted.subList(i, Math.min(wanted.size(), i + CHUNK));
            Map<String, Object> filter = new LinkedHashMap<>();
            filter.put("release", release);
            filter.put("type", "rpm");
            filter.put("name", chunk);
            filter.put("include_inactive_release", "1");
            pdc.releaseComponents().list(filter).forEach(c -> found.put(c.name(), c));
        }
        Map<String, ReleaseComponent> result = new LinkedHashMap<>();
        for (String name : wanted) {
            ReleaseComponent component = found.get(name);
            if (component == null) {
                pdc.globalComponents().ensure(name, comment);
                component = pdc.releaseComponents().ensure(NewReleaseComponent.rpm(release, name, null), comment);
                LOG.info("Created release component {}/{} (id {})", release, name, component.id());
            }
            result.put(name, component);
        }
        return result;
    }
}
