package org.fedoraproject.pdcupdater.pdc.resource;

import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcResource;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code component-branches/} (2.13), {@code component-sla-types/} (2.14) and {@code component-branch-slas/} (2.15).
 * A branch's {@code active} is computed by PDC (some SLA's eol ≥ today, UTC) and never sent; retiring a branch means
 * PATCHing the {@code eol} of its SLA links ({@link #setEol}). Which eol to set, and never moving an earlier eol
 * later, is the handler's policy.
 */
public final class ComponentBranches extends ResourceFacade<ComponentBranches.Branch> {

    public record Branch(Integer id, String globalComponent, String name, String type, Boolean criticalPath,
                         Boolean active, List<SlaLink> slas) {
    }

    public record SlaLink(Integer id, String sla, String eol) {
    }

    public record SlaType(Integer id, String name, String description) {
    }

    /** A branch as embedded in an SLA link. */
    public record BranchRef(Integer id, String name, String globalComponent, String type, Boolean active,
                            Boolean criticalPath) {
    }

    /** {@code eol} is {@code YYYY-MM-DD}. */
    public record BranchSla(Integer id, String sla, BranchRef branch, String eol) {
        public LocalDate eolDate() {
            return LocalDate.parse(eol);
        }
    }

    public ComponentBranches(PdcClient pdc) {
        super(pdc, PdcResource.COMPONENT_BRANCHES, Branch.class);
    }

    public Optional<Branch> find(String globalComponent, String name, String type) {
        return read(pdc.findOne(resource.path(), filter("global_component", globalComponent, "name", name,
                "type", type)));
    }

    /** Get-or-create a branch (its name can never change afterwards). */
    public Branch ensure(String globalComponent, String name, String type, Boolean criticalPath,
                         ChangeComment comment) {
        Map<String, Object> key = filter("global_component", globalComponent, "name", name, "type", type);
        Map<String, Object> body = filter("global_component", globalComponent, "name", name, "type", type,
                "critical_path", criticalPath);
        return read(pdc.ensure(resource.path(), key, body, comment));
    }

    /** Get-or-create an SLA type (its name can never change afterwards). */
    public SlaType ensureSlaType(String name, String description, ChangeComment comment) {
        return PdcJson.read(pdc.ensure(PdcResource.COMPONENT_SLA_TYPES.path(), filter("name", name),
                filter("name", name, "description", description), comment), SlaType.class);
    }

    /** The SLA links of a branch. */
    public List<BranchSla> slas(String globalComponent, String branch, String type) {
        return PdcJson.readAll(pdc.listAll(PdcResource.COMPONENT_BRANCH_SLAS.path(),
                filter("global_component", globalComponent, "branch", branch, "branch_type", type)), BranchSla.class);
    }

    /**
     * Get-or-create the link of {@code sla} to a branch; PDC creates the branch too when it is missing.
     * An existing link keeps its eol: moving it is {@link #setEol}'s job.
     *
     * @param criticalPath null to leave it out (sending a value that differs from an existing branch's is a 400)
     */
    public BranchSla ensureSla(String sla, LocalDate eol, String globalComponent, String branch, String type,
                               Boolean criticalPath, ChangeComment comment) {
        Objects.requireNonNull(eol, "eol");
        Map<String, Object> key = filter("sla", sla, "global_component", globalComponent, "branch", branch,
                "branch_type", type);
        Map<String, Object> body = Map.of("sla", sla, "eol", eol.toString(), "branch",
                filter("name", branch, "global_component", globalComponent, "type", type,
                        "critical_path", criticalPath));
        return PdcJson.read(pdc.ensure(PdcResource.COMPONENT_BRANCH_SLAS.path(), key, body, comment),
                BranchSla.class);
    }

    /** PATCH the eol of one SLA link (retirement sets it to today). */
    public BranchSla setEol(int slaLinkId, LocalDate eol, ChangeComment comment) {
        return PdcJson.read(pdc.patch(PdcResource.COMPONENT_BRANCH_SLAS.path(), slaLinkId,
                Map.of("eol", eol.toString()), comment), BranchSla.class);
    }

    public boolean delete(int branchId, ChangeComment comment) {
        return pdc.delete(resource.path(), branchId, comment);
    }
}
