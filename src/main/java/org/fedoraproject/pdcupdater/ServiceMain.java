package org.fedoraproject.pdcupdater;

import org.apache.camel.main.Main;

/**
 * Builds the camel-main runtime the same way for the CLI and for tests, so that what the tests
 * start is what production runs.
 *
 * <p>Settings are read from the defaults bundled in the jar, then from {@code config/} in the
 * working directory (an operator's edits win), then from system properties and environment
 * variables, which Camel's properties component consults first.
 */
public final class ServiceMain {

    /** Bundled defaults first, then the operator's files; later locations override earlier ones. */
    public static final String PROPERTY_LOCATIONS =
            "classpath:config/application.properties,"
                    + "file:config/application.properties;optional=true";

    private ServiceMain() {
    }

    public static Main create() {
        // The JDK's HTTP server (the embedded sandbox and stand-ins) waits ~40 ms per loopback
        // response without TCP_NODELAY; the flag is read once, when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Main main = new Main();
        main.setPropertyPlaceholderLocations(PROPERTY_LOCATIONS);
        return main;
    }
}
