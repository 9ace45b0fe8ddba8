package org.fedoraproject.pdcupdater.handler.branches;

import java.nio.file.Path;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.fedoraproject.pdcupdater.handler.ReleaseMapping;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.source.distgit.DistGitClient;
import org.fedoraproject.pdcupdater.source.pkgdb.PkgdbClient;

/** Binds the branches handler ({@code routes/branches.camel.yaml}) and the branch provisioner it shares. */
@Configuration
public class BranchesConfiguration implements CamelConfiguration {

    @PropertyInject(value = "handlers.branch-slas", defaultValue = "config/branch-slas.properties")
    private String branchSlasFile;

    @BindToRegistry("branchSlaPolicy")
    public BranchSlaPolicy branchSlaPolicy(ReleaseMapping releaseMapping) {
        return BranchSlaPolicy.load(Path.of(branchSlasFile), releaseMapping);
    }

    @BindToRegistry("branchProvisioner")
    public BranchProvisioner branchProvisioner(Pdc pdc, DistGitClient distGitClient, BranchSlaPolicy branchSlaPolicy) {
        return new BranchProvisioner(pdc, distGitClient, branchSlaPolicy);
    }

    @BindToRegistry("branchesHandler")
    public BranchesHandler branchesHandler(Pdc pdc, DistGitClient distGitClient, PkgdbClient pkgdbClient,
                                           BranchProvisioner branchProvisioner) {
        return create(pdc, distGitClient, pkgdbClient, branchProvisioner);
    }

    /** The handler over the given clients (tests build it this way, without Camel). */
    public static BranchesHandler create(Pdc pdc, DistGitClient distGit, PkgdbClient pkgdb,
                                         BranchProvisioner provisioner) {
        return new BranchesHandler(provisioner,
                new BranchInventory(pdc, distGit, new DistGitPackages(pkgdb), provisioner));
    }
}
