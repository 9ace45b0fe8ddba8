package org.fedoraproject.pdcupdater.fedmsg.zeromq;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/**
 * The {@code zeromq:} component: {@code zeromq:sub?endpoints=...&topics=...} consumes the fedmsg bus,
 * {@code zeromq:pub?bind=...} publishes onto it.
 *
 * <p>Camel has had no ZeroMQ component since 2.x; this one is built on JeroMQ (pure Java, no native libzmq
 * to install on the hosts). It extends {@link HealthCheckComponent} so that consumer readiness checks can be
 * switched on and off the standard way ({@code healthCheckConsumerEnabled}).
 */
@Component("zeromq")
public class ZeroMqComponent extends HealthCheckComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ZeroMqConfiguration configuration = new ZeroMqConfiguration();
        // Validate now, so that a typo in the socket type fails when the route is built, not when it starts.
        configuration.setSocketType(ZeroMqSocketType.fromUri(remaining).uriName());
        ZeroMqEndpoint endpoint = new ZeroMqEndpoint(uri, this, configuration);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
