package org.fedoraproject.pdcupdater.handler.retirement;

import java.time.Clock;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.fedoraproject.pdcupdater.handler.branches.BranchProvisioner;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.source.distgit.DistGitClient;

/**
 * Binds the retirement handler ({@code routes/retirement.camel.yaml}); listed after
 * {@link org.fedoraproject.pdcupdater.handler.branches.BranchesConfiguration}, whose provisioner it shares.
 */
@Configuration
public class RetirementConfiguration implements CamelConfiguration {

    @BindToRegistry("retirementHandler")
    public RetirementHandler retirementHandler(Pdc pdc, DistGitClient distGitClient,
                                               BranchProvisioner branchProvisioner) {
        return create(pdc, distGitClient, branchProvisioner, Clock.systemUTC());
    }

    /** The handler over the given clients and clock (tests build it this way, without Camel). */
    public static RetirementHandler create(Pdc pdc, DistGitClient distGit, BranchProvisioner provisioner, Clock clock) {
        BranchRetirer retirer = new BranchRetirer(pdc, distGit, provisioner, clock);
        return new RetirementHandler(retirer,
                new RetirementInventory(pdc, distGit, provisioner.policy(), retirer));
    }
}
