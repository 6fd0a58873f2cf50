package gr.accmr.hub.fanout.alerts;

import com.interaso.webpush.CryptoKt;
import com.interaso.webpush.WebPush;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends queued alerts: claims due deliveries (so instances never send one twice at a time), POSTs
 * each signed with the subscription's Standard Webhooks secret, and schedules a failed one again
 * with capped, jittered back-off. Requests go through {@link SubscriberClient}: only to addresses
 * {@link SubscriberAddresses} allows, following no redirect, within a deadline. A subscription
 * failing {@code max-failures} times in a row is disabled, its pending alerts are marked failed,
 * and health reports it.
 */
@Component("alerts")
class AlertDispatcher implements HealthIndicator, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);
    /** Deliveries claimed and sent at once, each on a thread of its own. */
    static final int BATCH = 16;
    /** How much longer than the subscriber timeout a claimed delivery stays with its instance. */
    static final Duration CLAIM_MARGIN = Duration.ofSeconds(30);

    private final JdbcTemplate jdbc;
    private final AlertProperties properties;
    private final MeterRegistry meters;
    private final IntervalFunction backoff;
    private final SubscriberClient http;
    private final WebPushKeys keys;
    private final ExecutorService senders = Executors.newFixedThreadPool(BATCH, runnable -> {
        Thread thread = new Thread(runnable, "alert-sender");
        thread.setDaemon(true);
        return thread;
    });

    AlertDispatcher(
            JdbcTemplate jdbc,
            AlertProperties properties,
            MeterRegistry meters,
            WebPushKeys keys,
            SubscriberAddresses addresses) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.properties = properties;
        this.meters = meters;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(
                properties.retryDelay(), 2.0, 0.5, properties.maxRetryDelay());
        this.http = new SubscriberClient(addresses, properties.timeout(), BATCH);
    }

    @Override
    public void destroy() throws IOException {
        senders.shutdownNow();
        http.close();
    }

    private record Due(
            long subscription,
            String noticeId,
            int version,
            String payload,
            int attempts,
            String kind,
            String url,
            @Nullable String secret,
            @Nullable String p256dh,
            @Nullable String auth,
            @Nullable List<String> languages) {}

    @Scheduled(fixedDelayString = "${hub.alerts.dispatch-interval:1s}")
    void dispatch() {
        // Claimed for one send and a margin: every send of the batch runs at once and ends by the
        // subscriber timeout, so a claim outlives its sender only when the instance died, and
        // another instance takes the delivery over then, within seconds rather than minutes.
        Duration claim = properties.timeout().plus(CLAIM_MARGIN);
        List<Due> due = jdbc.query(
                """
                UPDATE alert_delivery d SET next_attempt_at = now() + ?::interval
                FROM alert_subscription s
                WHERE s.id = d.subscription_id AND (d.subscription_id, d.notice_id) IN (
                    SELECT subscription_id, notice_id FROM alert_delivery
                    WHERE state = 'pending' AND next_attempt_at <= now()
                    ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING d.subscription_id, d.notice_id, d.version, d.payload::text, d.attempts,
                    s.kind, s.url, s.secret, s.p256dh, s.auth, s.languages
                """,
                (row, n) -> new Due(
                        row.getLong(1),
                        row.getString(2),
                        row.getInt(3),
                        row.getString(4),
                        row.getInt(5),
                        row.getString(6),
                        row.getString(7),
                        row.getString(8),
                        row.getString(9),
                        row.getString(10),
                        SubscriptionFilter.list(row.getArray(11))),
                claim.toMillis() + " milliseconds",
                BATCH);
        // Side by side, so one subscriber that does not answer holds back no other past the claim.
        List<Future<?>> sent = due.stream()
                .<Future<?>>map(each -> senders.submit(() -> send(each)))
                .toList();
        for (Future<?> each : sent) {
            try {
                each.get();
            } catch (ExecutionException e) {
                log.warn("An alert delivery failed unexpectedly", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void send(Due due) {
        String failure;
        try {
            SubscriberClient.Answer answer = http.send(due.kind().equals("web-push") ? webPush(due) : webhook(due));
            if (answer.status() / 100 == 2) {
                delivered(due);
                return;
            }
            if (due.kind().equals("web-push")
                    && keys.webPush().getSubscriptionState(answer.status(), answer.body())
                            == WebPush.SubscriptionState.EXPIRED) {
                // The browser unsubscribed or the push service dropped it: it will never come back.
                jdbc.update("DELETE FROM alert_subscription WHERE id = ?", due.subscription());
                meters.counter("hub.alert.subscriptions.expired").increment();
                log.info("Web Push subscription {} is gone (HTTP {}); removed", due.subscription(), answer.status());
                return;
            }
            failure = "answered HTTP " + answer.status();
        } catch (IOException | RuntimeException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (WebhookSigningException e) {
            failure = "cannot sign: " + e.getMessage();
        }
        failed(due, failure);
    }

    /** A Standard Webhooks POST of the whole notice, signed with the subscription's secret. */
    private HttpUriRequestBase webhook(Due due) throws WebhookSigningException {
        String webhookId = "alert_" + due.noticeId().replace(':', '_') + "_" + due.version() + "_" + due.subscription();
        long now = Instant.now().getEpochSecond();
        HttpPost request = new HttpPost(URI.create(due.url()));
        request.setHeader("webhook-id", webhookId);
        request.setHeader("webhook-timestamp", String.valueOf(now));
        request.setHeader("webhook-signature", new Webhook(due.secret()).sign(webhookId, now, due.payload()));
        request.setEntity(new StringEntity(due.payload(), ContentType.APPLICATION_JSON));
        return request;
    }

    /**
     * A Web Push message (RFC 8030) encrypted for the browser's keys (RFC 8291, aes128gcm) and
     * signed with the hub's VAPID key (RFC 8292): the notice's title and summary in the first of
     * the subscription's languages it has, within the 4 KB a push service accepts.
     */
    private HttpUriRequestBase webPush(Due due) {
        byte[] message = WebPushMessages.of(due.payload(), due.languages());
        WebPush push = keys.webPush();
        HttpPost request = new HttpPost(URI.create(due.url()));
        request.setEntity(new ByteArrayEntity(
                push.getBody(message, CryptoKt.decodeBase64(due.p256dh()), CryptoKt.decodeBase64(due.auth())), null));
        push.getHeaders(due.url(), (int) properties.webPush().timeToLive().toSeconds(), null, WebPush.Urgency.High)
                .forEach(request::setHeader);
        return request;
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
            disable(due, failures + " failed deliveries in a row, the last: " + failure);
        } else {
            log.info(
                    "Alert {} to subscription {} failed ({}); next attempt in {} ms",
                    due.noticeId(),
                    due.subscription(),
                    failure,
                    wait);
        }
    }

    private void disable(Due due, String reason) {
        if (jdbc.update(
                        "UPDATE alert_subscription SET state = 'disabled', disabled_reason = ? WHERE id = ? AND state = 'active'",
                        reason,
                        due.subscription())
                == 1) {
            jdbc.update(
                    "UPDATE alert_delivery SET state = 'failed' WHERE subscription_id = ? AND state = 'pending'",
                    due.subscription());
            meters.counter("hub.alert.subscriptions.disabled", "kind", due.kind())
                    .increment();
            log.warn("Alert subscription {} ({}) is disabled: {}", due.subscription(), due.kind(), reason);
        }
    }

    /** Up, listing subscriptions that were disabled for failing, so operators see them. */
    @Override
    public Health health() {
        List<String> disabled = jdbc.queryForList("""
                SELECT id || ' ' || name || ': ' || coalesce(disabled_reason, '') FROM alert_subscription
                WHERE state = 'disabled' AND kind = 'webhook' ORDER BY id LIMIT 20
                """, String.class);
        Long disabledBrowsers = jdbc.queryForObject(
                "SELECT count(*) FROM alert_subscription WHERE state = 'disabled' AND kind = 'web-push'", Long.class);
        Long pending = jdbc.queryForObject("SELECT count(*) FROM alert_delivery WHERE state = 'pending'", Long.class);
        return Health.up()
                .withDetail("pending", pending)
                .withDetail("disabled", disabled)
                .withDetail("disabledBrowsers", disabledBrowsers)
                .build();
    }
}
