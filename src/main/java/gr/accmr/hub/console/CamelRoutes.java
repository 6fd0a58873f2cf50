package gr.accmr.hub.console;

import gr.accmr.hub.platform.Audit;
import gr.accmr.hub.platform.Failures;
import gr.accmr.hub.platform.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Every Camel route of this instance with its state and figures (from Camel's management, as JMX
 * shows them), the last error each route's exchanges met, and suspending or resuming one, audited.
 * The console's routes page and the admin API both use it.
 */
@Component
class CamelRoutes extends EventNotifierSupport {

    private final CamelContext camel;
    private final Audit audit;
    private final Map<String, LastError> lastErrors = new ConcurrentHashMap<>();

    CamelRoutes(CamelContext camel, Audit audit) {
        this.camel = camel;
        this.audit = audit;
        // Only failed exchanges are of interest; the rest of Camel's events are not even created for us.
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
        camel.getManagementStrategy().addEventNotifier(this);
        ServiceHelper.startService(this);
    }

    /** The last failure of a route's exchanges: when, and what. */
    record LastError(Instant at, String reason) {}

    /**
     * A route as operators see it. Figures are null where Camel's management is off; times in
     * milliseconds.
     *
     * @param state Started, Suspended, Stopped, …
     */
    record RouteStatus(
            String id,
            String state,
            @Nullable Long exchangesTotal,
            @Nullable Long exchangesFailed,
            @Nullable Long exchangesInflight,
            @Nullable Long meanProcessingMillis,
            @Nullable Long maxProcessingMillis,
            @Nullable LastError lastError) {}

    List<RouteStatus> statuses() {
        ManagedCamelContext managed = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        return camel.getRoutes().stream()
                .sorted(Comparator.comparing(Route::getRouteId))
                .map(route -> status(route, managed == null ? null : managed.getManagedRoute(route.getRouteId())))
                .toList();
    }

    /** The route's state (Started, Suspended, …), or null when there is no such route on this instance. */
    @Nullable
    String state(String id) {
        ServiceStatus state = camel.getRouteController().getRouteStatus(id);
        return state == null ? null : state.name();
    }

    List<RouteStatus> suspend(String id, HttpServletRequest request) {
        return change(id, "suspend", "suspended", request);
    }

    List<RouteStatus> resume(String id, HttpServletRequest request) {
        return change(id, "resume", "resumed", request);
    }

    private List<RouteStatus> change(String id, String action, String done, HttpServletRequest request) {
        known(id);
        try {
            if (action.equals("suspend")) {
                camel.getRouteController().suspendRoute(id);
            } else {
                camel.getRouteController().resumeRoute(id);
            }
        } catch (Exception e) {
            audit.record(request, "route." + action, "route:" + id, "failed", Failures.describe(e));
            throw Problems.of(HttpStatus.CONFLICT, "Not " + done, Failures.describe(e));
        }
        audit.record(request, "route." + action, "route:" + id, done, null);
        return statuses();
    }

    void known(String id) {
        if (camel.getRoute(id) == null) {
            throw Problems.of(HttpStatus.NOT_FOUND, "Unknown route", "no route '" + id + "'");
        }
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeFailedEvent
                || event instanceof CamelEvent.ExchangeFailureHandledEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
        String route = exchange.getFromRouteId();
        Throwable failure = exchange.getException() != null
                ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (route != null && failure != null) {
            lastErrors.put(route, new LastError(Instant.now(), Failures.describe(failure)));
        }
    }

    private RouteStatus status(Route route, @Nullable ManagedRouteMBean figures) {
        String id = route.getRouteId();
        ServiceStatus state = camel.getRouteController().getRouteStatus(id);
        LastError error = lastErrors.get(id);
        if (error == null
                && route.getLastError() != null
                && route.getLastError().getException() != null) {
            error = new LastError(
                    Instant.ofEpochMilli(route.getLastError().getDate().getTime()),
                    route.getLastError().getPhase() + ": "
                            + Failures.describe(route.getLastError().getException()));
        }
        return new RouteStatus(
                id,
                state == null ? "Unknown" : state.name(),
                figures == null ? null : figures.getExchangesTotal(),
                figures == null ? null : figures.getExchangesFailed(),
                figures == null ? null : figures.getExchangesInflight(),
                figures == null ? null : figures.getMeanProcessingTime(),
                figures == null ? null : figures.getMaxProcessingTime(),
                error);
    }
}
