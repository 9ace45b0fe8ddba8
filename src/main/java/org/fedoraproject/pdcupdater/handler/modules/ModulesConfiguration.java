package org.fedoraproject.pdcupdater.handler.modules;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.source.koji.KojiClient;
import org.fedoraproject.pdcupdater.source.mbs.MbsClient;

/** Binds {@code modulesHandler}, the bean of route {@code direct:modules} (routes/modules.camel.yaml). */
@Configuration
public class ModulesConfiguration implements CamelConfiguration {

    @BindToRegistry("modulesHandler")
    public ModulesHandler modulesHandler(Pdc pdc, MbsClient mbsClient, KojiClient kojiClient) {
        return new ModulesHandler(pdc, mbsClient, new ModuleRpms(kojiClient));
    }
}
