package org.fedoraproject.pdcupdater.pdc.resource;

import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcOutcome;
import org.fedoraproject.pdcupdater.pdc.PdcResource;

import java.util.Objects;
import java.util.Optional;

/** {@code global-components/} (contract 2.5); natural key {@code name}. */
public final class GlobalComponents extends ResourceFacade<GlobalComponents.GlobalComponent> {

    public record GlobalComponent(Integer id, String name, String distGitPath, String distGitWebUrl,
                                  Upstream upstream) {
    }

    public record Upstream(String homepage, String scmType, String scmUrl) {
    }

    /** A create/update body; null fields are left out (PDC defaults). */
    public record NewGlobalComponent(String name, String distGitPath, Upstream upstream) {
        public NewGlobalComponent {
            Objects.requireNonNull(name, "name");
        }

        public static NewGlobalComponent named(String name) {
            return new NewGlobalComponent(name, null, null);
        }
    }

    public GlobalComponents(PdcClient pdc) {
        super(pdc, PdcResource.GLOBAL_COMPONENTS, GlobalComponent.class);
    }

    public Optional<GlobalComponent> get(int id) {
        return read(pdc.find(resource.path(), id));
    }

    public Optional<GlobalComponent> findByName(String name) {
        return read(pdc.findOne(resource.path(), filter("name", name)));
    }

    /** Get-or-create by name. */
    public GlobalComponent ensure(String name, ChangeComment comment) {
        return ensure(NewGlobalComponent.named(name), comment);
    }

    public GlobalComponent ensure(NewGlobalComponent component, ChangeComment comment) {
        return read(pdc.ensure(resource.path(), filter("name", component.name()), PdcJson.body(component), comment));
    }

    /** Create, or PATCH the fields that differ. */
    public PdcOutcome upsert(NewGlobalComponent component, ChangeComment comment) {
        return pdc.upsertOutcome(resource.path(), filter("name", component.name()), PdcJson.body(component), comment);
    }

    public boolean delete(int id, ChangeComment comment) {
        return pdc.delete(resource.path(), id, comment);
    }
}
