package org.fedoraproject.pdcupdater.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code routePolicy: leaderOnly} on a YAML route: the route runs only on the leader. On the
 * standby it is built and ready but stopped (a bus consumer's sockets closed, a timer not
 * ticking); it starts when this instance is elected and stops when it loses the lead.
 *
 * <p>With no cluster service the instance always leads and the policy leaves its routes alone.
 */
public class LeaderOnlyRoutePolicy extends RoutePolicySupport implements LeadershipListener {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderOnlyRoutePolicy.class);

    /** A leader-only route that takes longer than this to stop is stopped by force. */
    private static final long STOP_TIMEOUT_SECONDS = 10;

    private final Leadership leadership;
    private final List<String> routeIds = new CopyOnWriteArrayList<>();
    private volatile CamelContext camelContext;

    public LeaderOnlyRoutePolicy(Leadership leadership) {
        this.leadership = leadership;
    }

    @Override
    public void onInit(Route route) {
        super.onInit(route);
        camelContext = route.getCamelContext();
        if (!routeIds.contains(route.getId())) {
            routeIds.add(route.getId());
        }
        if (!leadership.isStandalone() && !leadership.isLeader()) {
            // Started by leadershipGained, never by the context.
            route.setAutoStartup(false);
        }
    }

    @Override
    public void onRemove(Route route) {
        routeIds.remove(route.getId());
    }

    public List<String> routeIds() {
        return List.copyOf(routeIds);
    }

    @Override
    public void leadershipGained() {
        for (String id : routeIds) {
            try {
                camelContext.getRouteController().startRoute(id);
                LOG.info("Leader: started route {}", id);
            } catch (Exception e) {
                LOG.error("Leader: route {} did not start: {}", id, e.getMessage(), e);
            }
        }
    }

    @Override
    public void leadershipLost() {
        for (String id : routeIds) {
            try {
                camelContext.getRouteController().stopRoute(id, STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                LOG.info("Standby: stopped route {}", id);
            } catch (Exception e) {
                LOG.error("Standby: route {} did not stop: {}", id, e.getMessage(), e);
            }
        }
    }
}
