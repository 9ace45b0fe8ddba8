package org.fedoraproject.pdcupdater.handler.branches;

import java.util.Objects;
import java.util.Optional;

import org.fedoraproject.pdcupdater.audit.AuditReport;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.handler.Handler;
import org.fedoraproject.pdcupdater.handler.InitializeResult;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dist-git branches → PDC {@code component-branches/} with their default SLAs ({@code config/branch-slas.properties}).
 * A {@code git.receive} names the branch pushed to; since the message does not say whether the push created the
 * branch, every push ensures the branch (one read when it is there already).
 */
public final class BranchesHandler implements Handler {

    public static final String NAME = "branches";

    private static final Logger LOG = LoggerFactory.getLogger(BranchesHandler.class);

    private final BranchProvisioner provisioner;
    private final BranchInventory inventory;

    BranchesHandler(BranchProvisioner provisioner, BranchInventory inventory) {
        this.provisioner = Objects.requireNonNull(provisioner, "provisioner");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void handle(FedmsgEnvelope message) {
        Optional<DistGitPush> push = DistGitPush.of(message);
        if (push.isEmpty()) {
            LOG.debug("{} ({}) is not a dist-git push; ignored", message.msgId(), message.topic());
            return;
        }
        DistGitBranch branch = push.get().branch();
        Optional<String> type = branch.pdcType();
        if (type.isEmpty()) {
            LOG.info("{}: namespace {} has no PDC branch type; ignored", message.msgId(), branch.namespace());
            return;
        }
        Optional<SlaDefaults> defaults = provisioner.policy().defaultsFor(branch.branch());
        if (defaults.isEmpty()) {
            LOG.debug("{}: branch {} belongs to no release; not tracked in PDC", message.msgId(), branch);
            return;
        }
        provisioner.ensure(branch, type.get(), defaults.get(), true,
                ChangeComment.forMessage(message.msgId(), message.topic()));
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
