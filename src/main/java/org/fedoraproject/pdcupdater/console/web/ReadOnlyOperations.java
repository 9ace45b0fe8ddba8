package org.fedoraproject.pdcupdater.console.web;

import java.util.List;

import javax.management.ObjectName;

/**
 * The MBean operations a {@code viewer} may call because they only report: Camel's dumps (the route diagram,
 * route source and statistics pages of Hawtio's Camel plugin are drawn from them) and Hawtio's own helpers (the
 * console asks them which buttons to enable). Anything that changes state (stop, start, send, browse, reset,
 * retry, discard, gc...) is for {@code admin}.
 */
final class ReadOnlyOperations {

    /** Camel operations by name prefix. Not "browse": it shows message bodies, which may carry personal data. */
    private static final List<String> CAMEL_PREFIXES = List.of("dump", "explain", "getRoute", "canSendToEndpoint",
            "componentParameterJsonSchema", "informationJson");

    private ReadOnlyOperations() {
    }

    static boolean isReadOnly(ObjectName name, String operation) {
        String op = operation == null ? "" : operation;
        return switch (name.getDomain()) {
            case "org.apache.camel" -> CAMEL_PREFIXES.stream().anyMatch(op::startsWith);
            // hawtio:type=security,... canInvoke(), hawtio:type=Registry / TreeWatcher / About queries
            case "hawtio" -> op.startsWith("canInvoke") || op.startsWith("get") || op.startsWith("list");
            case "jolokia" -> op.startsWith("get") || op.startsWith("list");
            default -> false;
        };
    }
}
