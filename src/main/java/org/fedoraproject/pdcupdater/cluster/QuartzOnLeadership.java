package org.fedoraproject.pdcupdater.cluster;

import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciliation and audits run on the leader only. Quartz's clustered job store alone would run
 * each job once, but on whichever instance acquires its trigger first, the standby included. So
 * the standby keeps its scheduler in standby mode (it acquires no trigger) and the leader runs it.
 *
 * <p>The routes stay started on both instances on purpose: stopping a quartz route deletes its
 * trigger from the shared store, which would unschedule the job for the new leader too. On a
 * takeover the new leader's scheduler also recovers the jobs the dead leader had in hand and fires
 * the triggers that misfired meanwhile.
 */
final class QuartzOnLeadership implements LeadershipListener {

    private static final Logger LOG = LoggerFactory.getLogger(QuartzOnLeadership.class);

    private final QuartzComponent quartz;

    /** The scheduler must not start with the context: the election decides. */
    QuartzOnLeadership(QuartzComponent quartz) {
        this.quartz = quartz;
        quartz.setAutoStartScheduler(false);
    }

    @Override
    public synchronized void leadershipGained() {
        // Elected before Quartz made its scheduler (it does so once the context has fully started):
        // let the component start it then.
        quartz.setAutoStartScheduler(true);
        Scheduler scheduler = quartz.getScheduler();
        if (scheduler == null) {
            return;
        }
        try {
            scheduler.start();
            LOG.info("Leader: Quartz scheduler {} runs reconciliation and audits", scheduler.getSchedulerName());
        } catch (SchedulerException e) {
            LOG.error("Leader: Quartz scheduler did not start: {}", e.getMessage(), e);
        }
    }

    @Override
    public synchronized void leadershipLost() {
        quartz.setAutoStartScheduler(false);
        Scheduler scheduler = quartz.getScheduler();
        if (scheduler == null) {
            return;
        }
        try {
            // Standby, not shutdown: jobs running now finish; no new trigger is taken.
            scheduler.standby();
            LOG.info("Standby: Quartz scheduler {} takes no jobs", scheduler.getSchedulerName());
        } catch (SchedulerException e) {
            LOG.error("Standby: Quartz scheduler did not pause: {}", e.getMessage(), e);
        }
    }
}
