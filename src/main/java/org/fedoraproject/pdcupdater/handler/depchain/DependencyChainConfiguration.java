package org.fedoraproject.pdcupdater.handler.depchain;

import java.util.Arrays;
import java.util.List;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.fedoraproject.pdcupdater.handler.ReleaseMapping;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.source.koji.KojiBuildContents;
import org.fedoraproject.pdcupdater.source.koji.KojiClient;

/** Binds {@code depchainHandler}, the bean of route {@code direct:depchain} (routes/depchain.camel.yaml). */
@Configuration
public class DependencyChainConfiguration implements CamelConfiguration {

    @PropertyInject(value = "handlers.depchain.tags", defaultValue = "")
    private String tags;
    @PropertyInject(value = "handlers.depchain.provider-cache-size", defaultValue = "50000")
    private int providerCacheSize;

    @BindToRegistry("depchainHandler")
    public DependencyChainHandler depchainHandler(Pdc pdc, KojiClient kojiClient, KojiBuildContents kojiBuildContents,
                                                  ReleaseMapping releaseMapping) {
        List<String> tagList = Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        return new DependencyChainHandler(pdc, kojiClient, kojiBuildContents, releaseMapping, tagList, providerCacheSize);
    }
}
