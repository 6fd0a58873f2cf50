package gr.accmr.hub.fanout.alerts;

import com.standardwebhooks.Webhook;
import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends queued alerts: claims due deliveries (so instances never send one twice at a time), POSTs
 * each signed with the subscription's Standard Webhooks secret, and schedules a failed one again
 * with capped, jittered back-off. A subscription failing {@code max-failures} times in a row is
 * disabled, its pending alerts are marked failed, and health reports it.
 */
@Component("alerts")
class AlertDispatcher implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);
    private static final int BATCH = 50;

    private final JdbcTemplate jdbc;
    private final AlertProperties properties;
    private final MeterRegistry meters;
    private final IntervalFunction backoff;
    private final HttpClient http;

    AlertDispatcher(JdbcTemplate jdbc, AlertProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.meters = meters;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(
                properties.retryDelay(), 2.0, 0.5, properties.maxRetryDelay());
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private record Due(
            long subscription, String noticeId, int version, String payload, int attempts, String url, String secret) {}

    @Scheduled(fixedDelayString = "${hub.alerts.dispatch-interval:1s}")
    void dispatch() {
        // Claimed for a while: a crash mid-send leaves the delivery to be tried again after that.
        List<Due> due = jdbc.query(
                """
                UPDATE alert_delivery d SET next_attempt_at = now() + interval '5 minutes'
                FROM alert_subscription s
                WHERE s.id = d.subscription_id AND (d.subscription_id, d.notice_id) IN (
                    SELECT subscription_id, notice_id FROM alert_delivery
                    WHERE state = 'pending' AND next_attempt_at <= now()
                    ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING d.subscription_id, d.notice_id, d.version, d.payload::text, d.attempts, s.url, s.secret
                """,
                (row, n) -> new Due(
                        row.getLong(1),
                        row.getString(2),
                        row.getInt(3),
                        row.getString(4),
                        row.getInt(5),
                        row.getString(6),
                        row.getString(7)),
                BATCH);
        due.forEach(this::send);
    }

    private void send(Due due) {
        String webhookId = "alert_" + due.noticeId().replace(':', '_') + "_" + due.version() + "_" + due.subscription();
        String failure;
        try {
            Instant now = Instant.now();
            String signature = new Webhook(due.secret()).sign(webhookId, now.getEpochSecond(), due.payload());
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(due.url()))
                            .timeout(properties.timeout())
                            .header("Content-Type", "application/json")
                            .header("webhook-id", webhookId)
                            .header("webhook-timestamp", String.valueOf(now.getEpochSecond()))
                            .header("webhook-signature", signature)
                            .POST(HttpRequest.BodyPublishers.ofString(due.payload(), StandardCharsets.UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                delivered(due);
                return;
            }
            failure = "answered HTTP " + response.statusCode();
        } catch (IOException | RuntimeException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (com.standardwebhooks.exceptions.WebhookSigningException e) {
            failure = "cannot sign: " + e.getMessage();
        }
        failed(due, failure);
    }

    private void delivered(Due due) {
        jdbc.update("""
                UPDATE alert_delivery SET state = 'delivered', delivered_at = now(), attempts = attempts + 1, last_error = NULL
                WHERE subscription_id = ? AND notice_id = ?
                """, due.subscription(), due.noticeId());
        jdbc.update("UPDATE alert_subscription SET failures = 0 WHERE id = ?", due.subscription());
        meters.counter("hub.alert.deliveries", "outcome", "delivered").increment();
    }

    private void failed(Due due, String failure) {
        meters.counter("hub.alert.deliveries", "outcome", "failed").increment();
        long wait = backoff.apply(due.attempts() + 1);
        jdbc.update("""
                UPDATE alert_delivery SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?
                WHERE subscription_id = ? AND notice_id = ?
                """, failure, Timestamp.from(Instant.now().plusMillis(wait)), due.subscription(), due.noticeId());
        Integer failures = jdbc.queryForObject(
                "UPDATE alert_subscription SET failures = failures + 1 WHERE id = ? RETURNING failures",
                Integer.class,
                due.subscription());
        if (failures != null && failures >= properties.maxFailures()) {
            String reason = failures + " failed deliveries in a row, the last: " + failure;
            if (jdbc.update(
                            "UPDATE alert_subscription SET state = 'disabled', disabled_reason = ? WHERE id = ? AND state = 'active'",
                            reason,
                            due.subscription())
                    == 1) {
                jdbc.update(
                        "UPDATE alert_delivery SET state = 'failed' WHERE subscription_id = ? AND state = 'pending'",
                        due.subscription());
                log.warn("Alert subscription {} ({}) is disabled: {}", due.subscription(), due.url(), reason);
            }
        } else {
            log.info(
                    "Alert {} to subscription {} failed ({}); next attempt in {} ms",
                    due.noticeId(),
                    due.subscription(),
                    failure,
                    wait);
        }
    }

    /** Up, listing subscriptions that were disabled for failing, so operators see them. */
    @Override
    public Health health() {
        List<String> disabled = jdbc.queryForList(
                "SELECT id || ' ' || name || ': ' || coalesce(disabled_reason, '') FROM alert_subscription WHERE state = 'disabled' ORDER BY id",
                String.class);
        Long pending = jdbc.queryForObject("SELECT count(*) FROM alert_delivery WHERE state = 'pending'", Long.class);
        return Health.up()
                .withDetail("pending", pending)
                .withDetail("disabled", disabled)
                .build();
    }
}
