package org.fedoraproject.pdcupdater.cluster;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Reports the role. Both roles are healthy and ready: a standby is a working instance waiting
 * for its turn, and a load balancer or orchestrator must not restart it for not leading.
 */
public class LeadershipHealthCheck extends AbstractHealthCheck {

    private final Leadership leadership;

    public LeadershipHealthCheck(Leadership leadership) {
        super("pdc-updater", "leadership");
        this.leadership = leadership;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("role", leadership.role());
        builder.detail("member", leadership.memberId());
        leadership.currentLeader().ifPresent(leader -> builder.detail("leader", leader));
        builder.message(leadership.role());
        builder.up();
    }
}
