package org.fedoraproject.pdcupdater.console;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Registry;
import org.fedoraproject.pdcupdater.console.jmx.Bus;
import org.fedoraproject.pdcupdater.console.jmx.DeadLetters;
import org.fedoraproject.pdcupdater.console.jmx.RejectedMessages;
import org.fedoraproject.pdcupdater.console.jmx.ServiceMBeans;
import org.fedoraproject.pdcupdater.ingress.Checkpoint;
import org.fedoraproject.pdcupdater.ingress.RejectedMessageStore;
import org.fedoraproject.pdcupdater.observe.ObservabilityConfiguration;
import org.fedoraproject.pdcupdater.reconcile.DeadLetterStore;

/**
 * Starts the console (Hawtio, Jolokia, /observe) and the service's own MBeans with the CamelContext. Listed after
 * the configurations whose beans it shows (database, dead letters, ingress).
 */
@Configuration
public class ConsoleConfiguration implements CamelConfiguration {

    /** The bean name of the running {@link ConsoleServer} (tests ask it for its port). */
    public static final String SERVER_BEAN = "consoleServer";

    @PropertyInject(value = "console.enabled", defaultValue = "true")
    private boolean enabled;
    @PropertyInject(value = "console.host", defaultValue = "127.0.0.1")
    private String host;
    @PropertyInject(value = "console.port", defaultValue = "8080")
    private int port;
    @PropertyInject(value = "console.authentication", defaultValue = "auto")
    private String authentication;
    @PropertyInject(value = "console.users-file", defaultValue = "config/console-users.properties")
    private String usersFile;
    @PropertyInject(value = "console.jolokia-policy", defaultValue = "classpath:config/jolokia-access.xml")
    private String jolokiaPolicy;
    @PropertyInject(value = "console.allowed-origins", defaultValue = "")
    private String allowedOrigins;
    @PropertyInject(value = "console.session-timeout", defaultValue = "1800")
    private int sessionTimeout;

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        Registry registry = camelContext.getRegistry();
        DataSource dataSource = registry.lookupByNameAndType("dataSource", DataSource.class);
        ServiceMBeans mbeans = new ServiceMBeans()
                .add("DeadLetters", new DeadLetters(registry.lookupByNameAndType("deadLetters", DeadLetterStore.class),
                        dataSource))
                .add("RejectedMessages", new RejectedMessages(
                        registry.lookupByNameAndType("rejectedMessages", RejectedMessageStore.class), dataSource))
                .add("Bus", new Bus(camelContext, registry.lookupByNameAndType("ingressCheckpoint", Checkpoint.class)));
        camelContext.addService(mbeans, true, false);

        ConsoleSettings settings = new ConsoleSettings(enabled, host, port, authentication, usersFile, jolokiaPolicy,
                ConsoleSettings.splitList(allowedOrigins), sessionTimeout);
        if (!settings.enabled()) {
            return;
        }
        MeterRegistry meters = registry.lookupByNameAndType(ObservabilityConfiguration.REGISTRY_NAME, MeterRegistry.class);
        if (!(meters instanceof PrometheusMeterRegistry prometheus)) {
            throw new IllegalStateException("the console's /observe/metrics needs the Prometheus registry '"
                    + ObservabilityConfiguration.REGISTRY_NAME + "'");
        }
        ConsoleServer server = new ConsoleServer(settings, camelContext, prometheus);
        registry.bind(SERVER_BEAN, server);
        camelContext.addService(server, true, false);
    }
}
