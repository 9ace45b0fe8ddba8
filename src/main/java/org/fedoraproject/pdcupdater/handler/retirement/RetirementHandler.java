package org.fedoraproject.pdcupdater.handler.retirement;

import java.util.Objects;
import java.util.Optional;

import org.fedoraproject.pdcupdater.audit.AuditReport;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.handler.Handler;
import org.fedoraproject.pdcupdater.handler.InitializeResult;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.handler.branches.DistGitBranch;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Package retirement → the branch's SLAs end today in PDC. Messages: a dist-git push adding {@code dead.package}
 * ({@code git.receive}) and pkgdb's {@code pkgdb.package.retire}. Either way dist-git is asked whether the branch
 * is retired right now, so handling, audit and initialize share one source of truth.
 */
public final class RetirementHandler implements Handler {

    public static final String NAME = "retirement";

    private static final Logger LOG = LoggerFactory.getLogger(RetirementHandler.class);

    private final BranchRetirer retirer;
    private final RetirementInventory inventory;

    RetirementHandler(BranchRetirer retirer, RetirementInventory inventory) {
        this.retirer = Objects.requireNonNull(retirer, "retirer");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void handle(FedmsgEnvelope message) {
        Optional<DistGitBranch> branch = RetirementNotice.of(message);
        if (branch.isEmpty()) {
            LOG.debug("{} ({}) retires nothing; ignored", message.msgId(), message.topic());
            return;
        }
        Optional<String> type = branch.get().pdcType();
        if (type.isEmpty()) {
            LOG.info("{}: namespace {} has no PDC branch type; ignored", message.msgId(), branch.get().namespace());
            return;
        }
        retirer.retire(branch.get(), type.get(), true, ChangeComment.forMessage(message.msgId(), message.topic()));
    }

    @Override
    public AuditReport audit(AuditRequest request) {
        return inventory.audit(NAME, request);
    }

    @Override
    public InitializeResult initialize(Progress progress) {
        return inventory.initialize(NAME, progress);
    }
}
