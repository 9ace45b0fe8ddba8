package org.fedoraproject.pdcupdater.pdc.resource;

import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcResource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code bugzilla-components/} (contract 2.8): a tree. PDC's create is itself get-or-create (an existing
 * {@code (name, parent)} answers 200 with a {@code pdc-warning}), so {@link #ensure} is a plain POST.
 */
public final class BugzillaComponents extends ResourceFacade<BugzillaComponents.BugzillaComponent> {

    public record BugzillaComponent(Integer id, String name, String parentComponent, List<String> subcomponents) {
    }

    public BugzillaComponents(PdcClient pdc) {
        super(pdc, PdcResource.BUGZILLA_COMPONENTS, BugzillaComponent.class);
    }

    /** Get-or-create one node; {@code parentPk} null for a root. Names may not contain '/'. */
    public BugzillaComponent ensure(String name, Integer parentPk, ChangeComment comment) {
        Objects.requireNonNull(name, "name");
        if (name.contains("/")) {
            throw new IllegalArgumentException("a bugzilla component name cannot contain '/': " + name);
        }
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("parent_pk", parentPk);
        return read(pdc.create(resource.path(), body, comment));
    }

    /** Get-or-create every node of a {@code "parent/child"} path; returns the leaf. */
    public BugzillaComponent ensurePath(String path, ChangeComment comment) {
        BugzillaComponent node = null;
        for (String part : path.split("/")) {
            node = ensure(part, node == null ? null : node.id(), comment);
        }
        if (node == null) {
            throw new IllegalArgumentException("empty bugzilla component path");
        }
        return node;
    }

    public List<BugzillaComponent> findByName(String name) {
        return list(filter("name", name));
    }
}
