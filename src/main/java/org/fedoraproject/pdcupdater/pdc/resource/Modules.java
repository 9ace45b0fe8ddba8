package org.fedoraproject.pdcupdater.pdc.resource;

import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcResource;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code modules/} (2.23); detail key {@code uid = name:stream:version:context}, computed by PDC. Dependencies can only
 * be set on create (the update path has no nested writes).
 */
public final class Modules extends ResourceFacade<Modules.Module> {

    public record Dependency(String dependency, String stream) {
    }

    /** {@code rpms} come back as {@code name-epoch:version-release.arch.rpm} strings. */
    public record Module(String uid, String name, String stream, String version, String context, String kojiTag,
                         String modulemd, Boolean active, List<Dependency> runtimeDeps, List<Dependency> buildDeps,
                         List<String> rpms) {
    }

    /**
     * A create body; {@code context} is required (no default on this endpoint). RPMs are NEVRA objects; leave their
     * linked releases and dependencies null, the module endpoint does not take them.
     */
    public record NewModule(String name, String stream, String version, String context, String kojiTag,
                            String modulemd, Boolean active, List<Dependency> runtimeDeps,
                            List<Dependency> buildDeps, List<Rpms.NewRpm> rpms) {
        public NewModule {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(context, "context");
        }

        public String uid() {
            return Modules.uid(name, stream, version, context);
        }
    }

    public Modules(PdcClient pdc) {
        super(pdc, PdcResource.MODULES, Module.class);
    }

    public static String uid(String name, String stream, String version, String context) {
        return name + ":" + stream + ":" + version + ":" + context;
    }

    public Optional<Module> get(String uid) {
        return read(pdc.find(resource.path(), uid));
    }

    /** Get-or-create by {@code (name, stream, version, context)}. */
    public Module ensure(NewModule module, ChangeComment comment) {
        Map<String, Object> key = filter("name", module.name(), "stream", module.stream(),
                "version", module.version(), "context", module.context());
        // The lookup filters are case-insensitive: keep only the exact uid.
        return read(pdc.ensureMatching(resource.path(), key, n -> module.uid().equals(n.path("uid").asText()),
                PdcJson.body(module), comment).object());
    }

    public Module setActive(String uid, boolean active, ChangeComment comment) {
        return read(pdc.patch(resource.path(), uid, Map.of("active", active), comment));
    }

    /** Replaces the module's RPM set; missing RPMs are created by PDC. */
    public Module setRpms(String uid, List<Rpms.NewRpm> rpms, ChangeComment comment) {
        return read(pdc.patch(resource.path(), uid, Map.of("rpms", rpms.stream().map(PdcJson::body).toList()),
                comment));
    }

    public boolean delete(String uid, ChangeComment comment) {
        return pdc.delete(resource.path(), uid, comment);
    }
}
