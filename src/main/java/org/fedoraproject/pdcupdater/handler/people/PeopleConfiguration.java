package org.fedoraproject.pdcupdater.handler.people;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.source.fas.FasClient;

/** Binds {@code peopleHandler}, the bean of {@code routes/people.camel.yaml}. */
@Configuration
public class PeopleConfiguration implements CamelConfiguration {

    @BindToRegistry("peopleHandler")
    public PeopleHandler peopleHandler(Pdc pdc, FasClient fasClient) {
        return new PeopleHandler(pdc, fasClient);
    }
}
