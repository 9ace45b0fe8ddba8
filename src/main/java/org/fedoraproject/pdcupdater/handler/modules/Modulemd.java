package org.fedoraproject.pdcupdater.handler.modules;

import java.util.List;
import java.util.Map;

import org.fedoraproject.pdcupdater.pdc.resource.Modules.Dependency;

/**
 * What the handler needs from a modulemd document (versions 1 and 2).
 *
 * @param name             {@code data.name}, if given
 * @param stream           {@code data.stream}, if given
 * @param runtimeDeps      {@code data.dependencies[*].requires}, one entry per (module, stream)
 * @param buildDeps        {@code data.dependencies[*].buildrequires}, one entry per (module, stream)
 * @param componentRefs    {@code data.components.rpms.<name>.ref}: the branch or ref each rpm was asked for
 * @param builtCommits     {@code data.xmd.mbs.rpms.<name>.ref}: the commit MBS actually built
 */
public record Modulemd(String name, String stream, List<Dependency> runtimeDeps, List<Dependency> buildDeps,
        Map<String, String> componentRefs, Map<String, String> builtCommits) {

    public Modulemd {
        runtimeDeps = List.copyOf(runtimeDeps);
        buildDeps = List.copyOf(buildDeps);
        componentRefs = Map.copyOf(componentRefs);
        builtCommits = Map.copyOf(builtCommits);
    }
}
