package org.fedoraproject.pdcupdater;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import org.apache.camel.main.Main;

/**
 * Builds the camel-main runtime the same way for the CLI and for tests, so that what the tests
 * start is what production runs.
 *
 * <p>Settings are read from the defaults bundled in the jar, then from {@code config/} in the
 * working directory (an operator's edits win), then from system properties and environment
 * variables, which Camel's properties component consults first.
 *
 * <p>A profile ({@code -Dcamel.main.profile=prod} or {@code CAMEL_MAIN_PROFILE=prod}) layers
 * {@code config/application-<profile>.properties} (bundled, then the operator's) on top of
 * those defaults. camel-main only does that by itself for its default location, which this
 * service does not use, so the layering is done here; camel-main still logs the profile.
 */
public final class ServiceMain {

    /** Bundled defaults first, then the operator's files; later locations override earlier ones. */
    public static final String PROPERTY_LOCATIONS =
            "classpath:config/application.properties,"
                    + "file:config/application.properties;optional=true";

    /** The setting that names the profile; camel-main's own name for it. */
    public static final String PROFILE = "camel.main.profile";

    private ServiceMain() {
    }

    public static Main create() {
        return create(profileFromSystem().orElse(null));
    }

    /** @param profile e.g. {@code prod}, or null for the embedded defaults alone */
    public static Main create(String profile) {
        // The JDK's HTTP server (the embedded sandbox and stand-ins) waits ~40 ms per loopback
        // response without TCP_NODELAY; the flag is read once, when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Main main = new Main();
        main.setPropertyPlaceholderLocations(propertyLocations(profile));
        return main;
    }

    /** The property files for a profile, in the order in which later ones override earlier ones. */
    public static String propertyLocations(String profile) {
        if (profile == null || profile.isBlank()) {
            return PROPERTY_LOCATIONS;
        }
        String name = profile.strip();
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("profile names are letters, digits, '-' and '_': " + name);
        }
        String file = "config/application-" + name + ".properties";
        // A misspelt profile must not quietly start on the embedded defaults.
        if (ServiceMain.class.getClassLoader().getResource(file) == null && !Files.exists(Path.of(file))) {
            throw new IllegalArgumentException("no " + file + " (bundled or in the working directory) for profile "
                    + name);
        }
        return PROPERTY_LOCATIONS
                + ",classpath:" + file + ";optional=true"
                + ",file:" + file + ";optional=true";
    }

    static Optional<String> profileFromSystem() {
        String value = System.getProperty(PROFILE);
        if (value == null) {
            value = System.getenv(PROFILE.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
