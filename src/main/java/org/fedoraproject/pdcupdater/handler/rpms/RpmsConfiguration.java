package org.fedoraproject.pdcupdater.handler.rpms;

import java.util.Arrays;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.fedoraproject.pdcupdater.handler.ReleaseMapping;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.source.koji.KojiBuildContents;
import org.fedoraproject.pdcupdater.source.koji.KojiClient;

/** Binds {@code rpmsHandler}, the bean of {@code routes/rpms.camel.yaml}. */
@Configuration
public class RpmsConfiguration implements CamelConfiguration {

    @PropertyInject(value = "rpms.tags", defaultValue = "")
    private String tags;
    @PropertyInject(value = "rpms.builds-per-batch", defaultValue = "500")
    private int buildsPerBatch;

    @BindToRegistry("rpmsHandler")
    public RpmsHandler rpmsHandler(PdcClient pdcClient, KojiClient kojiClient, KojiBuildContents kojiBuildContents,
                                   ReleaseMapping releaseMapping, MeterRegistry metricsRegistry) {
        List<String> tagList = Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        return new RpmsHandler(pdcClient, kojiClient, kojiBuildContents, releaseMapping, tagList, buildsPerBatch,
                metricsRegistry);
    }
}
