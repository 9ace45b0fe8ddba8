package org.fedoraproject.pdcupdater.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.fedoraproject.pdcupdater.testsupport.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Quartz scheduler, and with it reconciliation and audits, runs only while this instance leads. */
class QuartzOnLeadershipTest {

    private final CamelContext context = new DefaultCamelContext();
    private final AtomicInteger fired = new AtomicInteger();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void aStandbyTakesNoJobUntilElectedAndStopsTakingThemWhenItLosesTheLead() throws Exception {
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        QuartzOnLeadership listener = new QuartzOnLeadership(quartz);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("quartz:test/every-second?cron=0/1+*+*+*+*+?").process(e -> fired.incrementAndGet());
            }
        });
        context.start();

        // Started as a standby: the job is scheduled (the route runs) but the scheduler is not.
        assertThat(context.getRouteController().getRouteStatus(context.getRoutes().get(0).getId()).isStarted()).isTrue();
        assertThat(quartz.getScheduler().isStarted()).isFalse();
        assertThat(quartz.getScheduler().getJobGroupNames()).contains("test");

        listener.leadershipGained();
        Eventually.await("a job fired on the leader", Duration.ofSeconds(30), () -> fired.get() > 0);

        listener.leadershipLost();
        assertThat(quartz.getScheduler().isInStandbyMode()).isTrue();
        assertThat(quartz.getScheduler().getJobGroupNames()).as("the trigger stays for the next leader").contains("test");

        listener.leadershipGained();
        assertThat(quartz.getScheduler().isInStandbyMode()).isFalse();
    }

    @Test
    void electedBeforeQuartzMadeItsSchedulerStartsItWithTheContext() throws Exception {
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        QuartzOnLeadership listener = new QuartzOnLeadership(quartz);
        listener.leadershipGained();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("quartz:test/early?cron=0/1+*+*+*+*+?").process(e -> fired.incrementAndGet());
            }
        });
        context.start();

        assertThat(quartz.getScheduler().isStarted()).isTrue();
    }
}
