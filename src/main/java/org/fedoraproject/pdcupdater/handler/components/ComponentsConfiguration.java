package org.fedoraproject.pdcupdater.handler.components;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.fedoraproject.pdcupdater.handler.ReleaseMapping;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.source.pkgdb.PkgdbClient;

import java.util.Arrays;
import java.util.List;

/** Binds {@code componentsHandler}, the bean of {@code routes/components.camel.yaml}. */
@Configuration
public class ComponentsConfiguration implements CamelConfiguration {

    @PropertyInject(value = "handlers.components.namespaces", defaultValue = "rpms,modules,container")
    private String namespaces;

    @BindToRegistry("componentsHandler")
    public ComponentsHandler componentsHandler(Pdc pdc, PkgdbClient pkgdbClient, ReleaseMapping releaseMapping) {
        return new ComponentsHandler(pdc, pkgdbClient, releaseMapping, types(namespaces));
    }

    static List<ComponentType> types(String namespaces) {
        return Arrays.stream(namespaces.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(ns -> ComponentType.forNamespace(ns).orElseThrow(() -> new IllegalArgumentException(
                        "handlers.components.namespaces: unknown namespace '" + ns
                                + "' (known: rpms, modules, container)")))
                .distinct().toList();
    }
}
