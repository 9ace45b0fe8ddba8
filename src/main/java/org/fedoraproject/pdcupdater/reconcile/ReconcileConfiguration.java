package org.fedoraproject.pdcupdater.reconcile;

import javax.sql.DataSource;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.fedoraproject.pdcupdater.observe.IngressMetrics;

/** Binds the dead-letter store and the recorder every handler route's error handling calls. */
@Configuration
public class ReconcileConfiguration implements CamelConfiguration {

    @BindToRegistry("deadLetters")
    public DeadLetterStore deadLetters(DataSource dataSource) {
        return new DeadLetterStore(dataSource);
    }

    @BindToRegistry("deadLetterRecorder")
    public DeadLetterRecorder deadLetterRecorder(DeadLetterStore deadLetters, IngressMetrics ingressMetrics) {
        return new DeadLetterRecorder(deadLetters, ingressMetrics.registry());
    }
}
