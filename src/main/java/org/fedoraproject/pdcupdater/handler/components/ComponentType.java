package org.fedoraproject.pdcupdater.handler.components;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A pkgdb/dist-git namespace and the PDC release-component type its packages become. The sandbox seeds all three
 * types ({@code rpm} by PDC itself, {@code module} and {@code container} as Fedora's admins added them).
 */
public enum ComponentType {
    /** {@code rpms/}: source packages; the component's SRPM has the package's name. */
    RPM("rpms", "rpm", true),
    /** {@code modules/}: module definitions; no SRPM. */
    MODULE("modules", "module", false),
    /** {@code container/} ({@code docker/} in 2016-2017 pkgdb): container image sources; no SRPM. */
    CONTAINER("container", "container", false);

    private final String namespace;
    private final String pdcType;
    private final boolean hasSrpm;

    ComponentType(String namespace, String pdcType, boolean hasSrpm) {
        this.namespace = namespace;
        this.pdcType = pdcType;
        this.hasSrpm = hasSrpm;
    }

    /** The pkgdb / dist-git namespace. */
    public String namespace() {
        return namespace;
    }

    /** The {@code type} of the release component in PDC. */
    public String pdcType() {
        return pdcType;
    }

    public boolean hasSrpm() {
        return hasSrpm;
    }

    /** The type of a namespace; messages from before namespaces existed (no namespace) are rpms. */
    public static Optional<ComponentType> forNamespace(String namespace) {
        if (namespace == null || namespace.isBlank()) {
            return Optional.of(RPM);
        }
        String ns = namespace.strip().toLowerCase(Locale.ROOT);
        if (ns.equals("docker")) {
            return Optional.of(CONTAINER);
        }
        return Arrays.stream(values()).filter(t -> t.namespace.equals(ns)).findFirst();
    }

    /** The type whose PDC name is {@code pdcType}, if it is one of these. */
    public static Optional<ComponentType> forPdcType(String pdcType) {
        return Arrays.stream(values()).filter(t -> t.pdcType.equals(pdcType)).findFirst();
    }
}
