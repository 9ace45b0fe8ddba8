package org.fedoraproject.pdcupdater.cluster;

import javax.sql.DataSource;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.fedoraproject.pdcupdater.handler.people.PeopleHandler;

/** Binds {@link FailoverPeopleHandler} in the service under test (added to the configuration classes). */
@Configuration
public class FailoverHandlerConfiguration implements CamelConfiguration {

    @PropertyInject("cluster.member-id")
    private String member;

    @BindToRegistry("failoverPeopleHandler")
    public FailoverPeopleHandler failoverPeopleHandler(PeopleHandler peopleHandler, DataSource dataSource) {
        return new FailoverPeopleHandler(peopleHandler, dataSource, member);
    }
}
