package gr.accmr.hub.ingest;

import gr.accmr.hub.platform.Audit;
import gr.accmr.hub.platform.Leadership;
import gr.accmr.hub.platform.PartnerClassifications;
import gr.accmr.hub.platform.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Operators pause, resume and poll a partner route now, for the whole cluster: the wish is kept in
 * PostgreSQL ({@code partner_control}) and every instance follows it within {@code
 * hub.ingest.control-interval} (2 s). A paused route is stopped wherever it runs and is not started
 * when an instance is granted its role; resumed, it starts again on the instance that leads it.
 * "Poll now" restarts the route on that instance, whose first poll comes a second after the start.
 */
@Component
public class PartnerControl {

    private static final Logger log = LoggerFactory.getLogger(PartnerControl.class);

    /** What operators asked for one route. */
    public record Control(
            String routeId,
            boolean paused,
            @Nullable Instant pollRequestedAt,
            @Nullable String by) {}

    /** What operators can do to a partner. */
    public enum Action {
        PAUSE,
        RESUME,
        POLL
    }

    /** What was done to which of the partner's routes. */
    public record Done(String partner, List<String> routes, String action) {}

    private final JdbcTemplate jdbc;
    private final CamelContext camel;
    private final Leadership leadership;
    private final PartnerClassifications routes;
    private final Audit audit;
    private volatile Map<String, Control> controls = Map.of();

    PartnerControl(
            JdbcTemplate jdbc, CamelContext camel, Leadership leadership, PartnerClassifications routes, Audit audit) {
        this.jdbc = jdbc;
        this.camel = camel;
        this.leadership = leadership;
        this.routes = routes;
        this.audit = audit;
    }

    /**
     * Pauses, resumes or polls now every route of the partner (one per partner file), audited as
     * the signed-in user of the request; a problem (404, 409) when it cannot be done.
     */
    public Done act(String partner, Action action, HttpServletRequest request) {
        List<String> ids = routes.routeIds(partner).stream()
                .filter(id -> id.startsWith(PartnerLeadership.PARTNER_ROUTES))
                .toList();
        if (ids.isEmpty()) {
            throw Problems.of(HttpStatus.NOT_FOUND, "Unknown partner", "no partner file defines '" + partner + "'");
        }
        Principal principal = request.getUserPrincipal();
        String by = principal == null ? "anonymous" : principal.getName();
        String done;
        switch (action) {
            case PAUSE -> {
                ids.forEach(id -> pause(id, by));
                done = "paused";
            }
            case RESUME -> {
                ids.forEach(id -> resume(id, by));
                done = "resumed";
            }
            default -> {
                if (ids.stream().anyMatch(this::isPausedNow)) {
                    throw Problems.of(
                            HttpStatus.CONFLICT, "Paused", "partner " + partner + " is paused; resume it first");
                }
                ids.forEach(id -> pollNow(id, by));
                done = "poll requested";
            }
        }
        audit.record(
                request,
                "partner." + action.name().toLowerCase(java.util.Locale.ROOT),
                "partner:" + partner,
                done,
                String.join(", ", ids));
        return new Done(partner, ids, done);
    }

    private boolean isPausedNow(String routeId) {
        Boolean paused = jdbc.query(
                "SELECT paused FROM partner_control WHERE route_id = ?",
                row -> row.next() ? row.getBoolean(1) : false,
                routeId);
        return Boolean.TRUE.equals(paused);
    }

    public void pause(String routeId, String by) {
        set(routeId, true, by);
    }

    public void resume(String routeId, String by) {
        set(routeId, false, by);
    }

    /** Asks the instance that polls the route to poll at once; false when the route is paused. */
    public boolean pollNow(String routeId, String by) {
        return jdbc.update("""
                        INSERT INTO partner_control (route_id, poll_requested_at, changed_by) VALUES (?, now(), ?)
                        ON CONFLICT (route_id) DO UPDATE SET poll_requested_at = now(), changed_by = excluded.changed_by,
                          changed_at = now()
                        WHERE NOT partner_control.paused
                        """, routeId, by) == 1;
    }

    /** Whether operators paused the route, as this instance last read it. */
    public boolean isPaused(String routeId) {
        Control control = controls.get(routeId);
        return control != null && control.paused();
    }

    public @Nullable Control control(String routeId) {
        return controls.get(routeId);
    }

    private void set(String routeId, boolean paused, String by) {
        jdbc.update("""
                INSERT INTO partner_control (route_id, paused, changed_by) VALUES (?, ?, ?)
                ON CONFLICT (route_id) DO UPDATE SET paused = excluded.paused, poll_requested_at = NULL,
                  changed_by = excluded.changed_by, changed_at = now()
                """, routeId, paused, by);
        follow();
    }

    /** Brings this instance's partner routes in line with what operators asked. */
    @Scheduled(fixedDelayString = "${hub.ingest.control-interval:2s}")
    public synchronized void follow() {
        Map<String, Control> read = new HashMap<>();
        try {
            jdbc.query("SELECT route_id, paused, poll_requested_at, changed_by FROM partner_control", row -> {
                Timestamp requested = row.getTimestamp(3);
                read.put(
                        row.getString(1),
                        new Control(
                                row.getString(1),
                                row.getBoolean(2),
                                requested == null ? null : requested.toInstant(),
                                row.getString(4)));
            });
        } catch (RuntimeException e) {
            // The database is away: keep following what was last read.
            return;
        }
        controls = Map.copyOf(read);
        List<Route> partners = camel.getRoutes().stream()
                .filter(route -> route.getRouteId().startsWith(PartnerLeadership.PARTNER_ROUTES))
                .toList();
        for (Route route : partners) {
            String id = route.getRouteId();
            Control control = read.get(id);
            ServiceStatus status = camel.getRouteController().getRouteStatus(id);
            try {
                if (control != null && control.paused() && status != null && status.isStarted()) {
                    camel.getRouteController().stopRoute(id, 10, TimeUnit.SECONDS);
                    log.info("Partner route {} paused by {}", id, control.by());
                } else if ((control == null || !control.paused()) && status != null && status.isStopped()) {
                    // Resumed (or never paused): the route runs again where this instance leads it.
                    PartnerLeadership.startIfLeading(camel, id);
                } else if (control != null && control.pollRequestedAt() != null && leadership.isLeader(id)) {
                    pollNow(id, control);
                }
            } catch (Exception e) {
                log.warn("Partner route {}: following the operators' control failed: {}", id, e.toString());
            }
        }
    }

    private void pollNow(String id, Control control) throws Exception {
        // Taken once: another instance that sees the same request finds it gone.
        int taken = jdbc.update(
                "UPDATE partner_control SET poll_requested_at = NULL WHERE route_id = ? AND poll_requested_at = ?",
                id,
                Timestamp.from(control.pollRequestedAt()));
        if (taken == 1) {
            camel.getRouteController().stopRoute(id, 10, TimeUnit.SECONDS);
            PartnerLeadership.startIfLeading(camel, id);
            log.info("Partner route {} polls now, as {} asked", id, control.by());
        }
    }
}
