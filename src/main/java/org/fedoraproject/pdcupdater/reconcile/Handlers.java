package org.fedoraproject.pdcupdater.reconcile;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.fedoraproject.pdcupdater.handler.Handler;

/**
 * The handlers this service runs: every bean implementing {@link Handler}, whichever
 * configuration class bound it, in name order (so a bulk initialize is repeatable).
 */
public final class Handlers {

    private Handlers() {
    }

    public static List<Handler> all(CamelContext camelContext) {
        return camelContext.getRegistry().findByType(Handler.class).stream()
                .sorted(Comparator.comparing(Handler::name)).toList();
    }

    public static Optional<Handler> named(CamelContext camelContext, String name) {
        return all(camelContext).stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /** The one named handler, or all of them when {@code name} is null. */
    public static List<Handler> select(CamelContext camelContext, String name) {
        if (name == null) {
            return all(camelContext);
        }
        return List.of(named(camelContext, name).orElseThrow(() -> new IllegalArgumentException(
                "no handler named '" + name + "'; handlers: "
                        + all(camelContext).stream().map(Handler::name).toList())));
    }
}
