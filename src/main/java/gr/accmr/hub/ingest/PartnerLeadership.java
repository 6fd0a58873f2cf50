package gr.accmr.hub.ingest;

import gr.accmr.hub.platform.Leadership;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * One active poller per partner across hub instances: every partner route ({@code partner.*})
 * gets a policy that makes the route's id a leadership role. The route does not start by itself;
 * it starts on the instance granted the role and stops there when the role is revoked (lost
 * heartbeats, the database gone, shutdown). Timer- and mail-driven templates behave alike, since
 * the whole route, consumer included, is started and stopped. Roles spread over the instances: each
 * partner is its own lock, taken by whichever instance asks first.
 *
 * <p>A poll that is under way when the role moves may finish on the old holder while the new one
 * starts: both read their checkpoint from PostgreSQL at the start of a poll and every record is
 * idempotent downstream, so the worst case is a record sent twice, never one lost.
 */
@Component
class PartnerLeadership implements RoutePolicyFactory {

    /** Route ids of partner pollers start with this; other routes run on every instance. */
    static final String PARTNER_ROUTES = "partner.";

    private static final Logger log = LoggerFactory.getLogger(PartnerLeadership.class);
    private static final long STOP_SECONDS = 10;

    private final Leadership leadership;
    private final ObjectProvider<PartnerControl> control;

    PartnerLeadership(Leadership leadership, ObjectProvider<PartnerControl> control) {
        this.leadership = leadership;
        this.control = control;
    }

    @Override
    public @Nullable RoutePolicy createRoutePolicy(CamelContext camel, String routeId, NamedNode route) {
        return routeId.startsWith(PARTNER_ROUTES)
                ? new LeaderRoutePolicy(leadership, routeId, id -> {
                    PartnerControl operators = control.getIfAvailable();
                    return operators != null && operators.isPaused(id);
                })
                : null;
    }

    /**
     * Starts the partner route on this instance if it holds the route's role, through the route's
     * own policy, so the start is ordered with the role's grants and revocations.
     */
    static void startIfLeading(CamelContext camel, String routeId) {
        Route route = camel.getRoute(routeId);
        if (route == null) {
            return;
        }
        for (RoutePolicy policy : route.getRoutePolicyList()) {
            if (policy instanceof LeaderRoutePolicy leader) {
                leader.granted(routeId);
            }
        }
    }

    /**
     * Stops a partner route that is about to be removed, ordered with its role's grants and the
     * operators' resume: a start queued before it runs first and is then undone, one asked after it
     * does nothing. Without this, a start slipping in between the stop and the removal would leave
     * the route running with no file behind it.
     */
    static void stopForRemoval(CamelContext camel, String routeId) throws Exception {
        Route route = camel.getRoute(routeId);
        if (route == null) {
            return;
        }
        for (RoutePolicy policy : route.getRoutePolicyList()) {
            if (policy instanceof LeaderRoutePolicy leader) {
                leader.retire();
            }
        }
        camel.getRouteController().stopRoute(routeId, STOP_SECONDS, TimeUnit.SECONDS);
    }

    /** The policy of one partner route; a reloaded file makes a new route and a new policy. */
    static final class LeaderRoutePolicy extends RoutePolicySupport implements Leadership.Listener {

        private final Leadership leadership;
        private final String routeId;
        private final java.util.function.Predicate<String> paused;
        private volatile boolean removed;
        private @Nullable CamelContext camel;
        /** Starts and stops in the order leadership changed, off the election thread so heartbeats go on. */
        private @Nullable ExecutorService worker;

        LeaderRoutePolicy(Leadership leadership, String routeId, java.util.function.Predicate<String> paused) {
            this.leadership = leadership;
            this.routeId = routeId;
            this.paused = paused;
        }

        @Override
        public void onInit(Route route) {
            super.onInit(route);
            CamelContext context = route.getCamelContext();
            this.camel = context;
            this.worker = context.getExecutorServiceManager().newSingleThreadExecutor(this, "hub-leads-" + routeId);
            // Only the leader starts it.
            route.setAutoStartup(false);
            leadership.join(routeId, this);
        }

        @Override
        public void onRemove(Route route) {
            removed = true;
            leadership.leave(routeId);
            if (camel != null && worker != null) {
                camel.getExecutorServiceManager().shutdown(worker);
            }
            super.onRemove(route);
        }

        /** From now on nothing starts the route; waits until a start already asked has run. */
        void retire() throws Exception {
            removed = true;
            drain();
        }

        /** Waits until the starts and stops asked so far have run. */
        void drain() throws Exception {
            ExecutorService executor = worker;
            if (executor == null) {
                return;
            }
            try {
                executor.submit(() -> {}).get(STOP_SECONDS, TimeUnit.SECONDS);
            } catch (RejectedExecutionException e) {
                // Already shut down: nothing queued can start it.
            }
        }

        @Override
        public void granted(String role) {
            run(() -> {
                if (!removed && leadership.isLeader(routeId) && camel != null) {
                    if (paused.test(routeId)) {
                        log.info("Partner route {} is led by this instance but paused by an operator", routeId);
                        return;
                    }
                    camel.getRouteController().startRoute(routeId);
                    log.info("Partner route {} polls on this instance ({})", routeId, leadership.instanceId());
                }
            });
        }

        @Override
        public void revoked(String role) {
            run(() -> {
                if (!removed && camel != null && !camel.isStopping() && camel.getRoute(routeId) != null) {
                    camel.getRouteController().stopRoute(routeId, STOP_SECONDS, TimeUnit.SECONDS);
                    log.info("Partner route {} stopped: this instance no longer leads it", routeId);
                }
            });
        }

        private interface RouteAction {
            void run() throws Exception;
        }

        private void run(RouteAction action) {
            ExecutorService executor = worker;
            if (executor == null) {
                return;
            }
            try {
                executor.execute(() -> {
                    try {
                        action.run();
                    } catch (Exception e) {
                        log.error(
                                "Partner route {}: following a leadership change failed: {}", routeId, e.getMessage());
                    }
                });
            } catch (RejectedExecutionException e) {
                // The route or the context is going away: nothing left to start or stop.
            }
        }
    }
}
