package org.fedoraproject.pdcupdater.source.distgit;

import java.util.Map;
import java.util.Optional;

/**
 * dist-git namespaces and the PDC component types they hold, as the Python retirement handler
 * mapped them ({@code _namespace_to_pdc} / {@code _pdc_to_namespace}).
 */
public final class DistGitNamespaces {

    public static final String RPMS = "rpms";
    public static final String MODULES = "modules";
    public static final String CONTAINER = "container";

    private static final Map<String, String> TO_PDC = Map.of(RPMS, "rpm", MODULES, "module", CONTAINER, "container");
    private static final Map<String, String> FROM_PDC = Map.of("rpm", RPMS, "module", MODULES, "container", CONTAINER);

    private DistGitNamespaces() {
    }

    public static Optional<String> pdcType(String namespace) {
        return Optional.ofNullable(namespace == null ? null : TO_PDC.get(namespace));
    }

    public static Optional<String> namespace(String pdcType) {
        return Optional.ofNullable(pdcType == null ? null : FROM_PDC.get(pdcType));
    }
}
