package gr.accmr.hub.ingest;

import gr.accmr.hub.platform.Leadership;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Per-partner health, kept durably: last poll, last success, last error, consecutive failures, and
 * the moment before which the partner must not be polled again (back-off and {@code Retry-After}).
 */
@Component
public class PartnerHealth {

    /** The longest a failing partner is left alone between two attempts. */
    static final Duration MAX_BACKOFF = Duration.ofHours(6);

    private final JdbcTemplate jdbc;
    private final Leadership leadership;

    PartnerHealth(JdbcTemplate jdbc, Leadership leadership) {
        this.jdbc = jdbc;
        this.leadership = leadership;
    }

    public record Status(
            String partner,
            String route,
            @Nullable Instant lastPollAt,
            @Nullable Instant lastSuccessAt,
            @Nullable Instant lastErrorAt,
            @Nullable String lastError,
            int consecutiveFailures,
            @Nullable Instant nextPollNotBefore,
            @Nullable String lastWarning,
            long warnings,
            long itemsSent,
            /** Items sent today, Athens time. */
            long itemsToday,
            /** The instance polling the partner now (it holds the route's leadership role); null when none does. */
            @Nullable String polledBy) {

        Status polledBy(@Nullable String instance) {
            return new Status(
                    partner,
                    route,
                    lastPollAt,
                    lastSuccessAt,
                    lastErrorAt,
                    lastError,
                    consecutiveFailures,
                    nextPollNotBefore,
                    lastWarning,
                    warnings,
                    itemsSent,
                    itemsToday,
                    instance);
        }
    }

    /** Whether the partner may be polled now, or is still backing off. */
    public boolean mayPoll(String partner, Instant now) {
        List<Timestamp> notBefore = jdbc.queryForList(
                "SELECT next_poll_not_before FROM ingest_partner_status WHERE partner = ?", Timestamp.class, partner);
        return notBefore.isEmpty()
                || notBefore.get(0) == null
                || !notBefore.get(0).toInstant().isAfter(now);
    }

    public void succeeded(String partner, String route, int itemsSent, Instant now) {
        jdbc.update(
                """
                INSERT INTO ingest_partner_status (partner, route, last_poll_at, last_success_at, items_sent,
                                                   items_day, items_today)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (partner) DO UPDATE SET route = excluded.route, last_poll_at = excluded.last_poll_at,
                  last_success_at = excluded.last_success_at, consecutive_failures = 0, next_poll_not_before = NULL,
                  items_sent = ingest_partner_status.items_sent + excluded.items_sent,
                  items_today = CASE WHEN ingest_partner_status.items_day = excluded.items_day
                                     THEN ingest_partner_status.items_today + excluded.items_today
                                     ELSE excluded.items_today END,
                  items_day = excluded.items_day
                """,
                partner,
                route,
                Timestamp.from(now),
                Timestamp.from(now),
                itemsSent,
                java.sql.Date.valueOf(today(now)),
                itemsSent);
    }

    /**
     * Records a failed poll and decides when the next attempt may happen: what the partner asked
     * for ({@code Retry-After}), else an exponential back-off on the poll interval.
     */
    public Instant failed(
            String partner, String route, String error, Duration interval, @Nullable Duration retryAfter, Instant now) {
        int failures = current(partner).map(Status::consecutiveFailures).orElse(0) + 1;
        Duration wait = retryAfter != null ? retryAfter : backoff(interval, failures);
        Instant notBefore = now.plus(wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait);
        jdbc.update(
                """
                INSERT INTO ingest_partner_status
                  (partner, route, last_poll_at, last_error_at, last_error, consecutive_failures, next_poll_not_before)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (partner) DO UPDATE SET route = excluded.route, last_poll_at = excluded.last_poll_at,
                  last_error_at = excluded.last_error_at, last_error = excluded.last_error,
                  consecutive_failures = excluded.consecutive_failures,
                  next_poll_not_before = excluded.next_poll_not_before
                """,
                partner,
                route,
                Timestamp.from(now),
                Timestamp.from(now),
                error,
                failures,
                Timestamp.from(notBefore));
        return notBefore;
    }

    /** A recoverable oddity of the partner's content (a wrong encoding declaration, say). */
    public void warn(String partner, String route, String warning) {
        jdbc.update("""
                INSERT INTO ingest_partner_status (partner, route, last_warning, warnings) VALUES (?, ?, ?, 1)
                ON CONFLICT (partner) DO UPDATE SET last_warning = excluded.last_warning,
                  warnings = ingest_partner_status.warnings + 1
                """, partner, route, warning);
    }

    /** The partner's health, with the instance polling it now. */
    public Optional<Status> current(String partner) {
        return withPollers(all(partner)).stream().findFirst();
    }

    /** Every partner's health, with the instance polling each now. */
    public List<Status> all() {
        return withPollers(all(null));
    }

    private List<Status> withPollers(List<Status> statuses) {
        // Push-only partners have rows too (route of the push API): they hold no role, so no poller.
        Map<String, String> holders = leadership.holders(statuses.stream()
                .map(Status::route)
                .filter(route -> route != null && route.startsWith(PartnerLeadership.PARTNER_ROUTES))
                .distinct()
                .toList());
        return statuses.stream()
                .map(status -> status.polledBy(holders.get(status.route())))
                .toList();
    }

    private List<Status> all(@Nullable String partner) {
        return jdbc.query(
                """
                SELECT partner, route, last_poll_at, last_success_at, last_error_at, last_error, consecutive_failures,
                       next_poll_not_before, last_warning, warnings, items_sent,
                       CASE WHEN items_day = ? THEN items_today ELSE 0 END
                FROM ingest_partner_status WHERE (?::text IS NULL OR partner = ?) ORDER BY partner
                """,
                (row, n) -> new Status(
                        row.getString(1),
                        row.getString(2),
                        instant(row.getTimestamp(3)),
                        instant(row.getTimestamp(4)),
                        instant(row.getTimestamp(5)),
                        row.getString(6),
                        row.getInt(7),
                        instant(row.getTimestamp(8)),
                        row.getString(9),
                        row.getLong(10),
                        row.getLong(11),
                        row.getLong(12),
                        null),
                java.sql.Date.valueOf(today(Instant.now())),
                partner,
                partner);
    }

    /** The day in Athens, where ACCMR's operators count "today". */
    private static java.time.LocalDate today(Instant now) {
        return now.atZone(java.time.ZoneId.of("Europe/Athens")).toLocalDate();
    }

    /**
     * How long after a failure the partner is left alone beyond its timer: nothing after the first
     * failure (the next tick is one interval away anyway), then 1, 3, 7... intervals, so the time
     * between attempts doubles.
     */
    static Duration backoff(Duration interval, int failures) {
        long factor = (1L << Math.min(failures - 1, 16)) - 1;
        return interval.multipliedBy(factor);
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
