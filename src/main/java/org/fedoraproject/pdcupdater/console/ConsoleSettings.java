package org.fedoraproject.pdcupdater.console;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Where the console listens and how it is protected ({@code console.*} in application.properties).
 *
 * @param host               bind address; loopback by default
 * @param port               the one HTTP port for Hawtio, Jolokia and /observe (health, metrics)
 * @param authentication     {@code auto} (on unless the bind address is loopback), {@code true} or {@code false}
 * @param usersFile          users, password hashes and roles (see {@code config/console-users.properties})
 * @param jolokiaPolicy      Jolokia access policy location ({@code classpath:} or a file path)
 * @param allowedOrigins     extra browser origins allowed to call Jolokia (a reverse proxy's public URL);
 *                           the console's own origin is always allowed
 * @param sessionTimeoutSeconds idle time after which a console login expires
 */
public record ConsoleSettings(boolean enabled, String host, int port, String authentication, String usersFile,
                              String jolokiaPolicy, List<String> allowedOrigins, int sessionTimeoutSeconds) {

    public ConsoleSettings {
        authentication = authentication == null || authentication.isBlank() ? "auto"
                : authentication.trim().toLowerCase(Locale.ROOT);
        if (!List.of("auto", "true", "false").contains(authentication)) {
            throw new IllegalArgumentException("console.authentication must be auto, true or false, not '"
                    + authentication + "'");
        }
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** Whether the bind address only accepts connections from this machine. */
    public boolean isLoopback() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Whether logins are required. A console reachable from other machines always asks for one: turning it off
     * there is refused, because Jolokia gives whoever reaches it the operations of every MBean.
     */
    public boolean authenticationRequired() {
        return switch (authentication) {
            case "true" -> true;
            case "false" -> {
                if (!isLoopback()) {
                    throw new IllegalStateException("console.authentication=false is refused on the non-loopback"
                            + " address " + host + ": anyone who can reach it could run operations on the service");
                }
                yield false;
            }
            default -> !isLoopback();
        };
    }

    public static List<String> splitList(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return List.of(value.trim().split("\\s*,\\s*"));
    }
}
