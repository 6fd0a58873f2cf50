package gr.accmr.hub.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.util.TimeUtils;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What every partner poller shares: the error policy (one log line per failed poll, the failure
 * recorded durably, back-off), the back-off check before a poll, and the success record after it.
 *
 * <p>A poller route binds {@link #POLICY}, sets {@link #PARTNER} and {@link #INTERVAL} first, calls
 * {@link #begin}, filters on {@link #mayPoll}, counts with {@link #countSent}, and ends with {@link
 * #succeeded}.
 */
@Component
public class PartnerPolling extends RouteConfigurationBuilder {

    /** Route configuration id of partner pollers. */
    public static final String POLICY = "hub.partner-poll";

    /** Exchange property: the partner id. */
    public static final String PARTNER = "hubPartner";
    /** Exchange property: the poll interval as written in the partner definition ({@code 10m}). */
    public static final String INTERVAL = "hubInterval";
    /** Exchange property: how many records this poll sent to Kafka (an AtomicInteger shared with split parts). */
    public static final String SENT = "hubSent";

    private static final Logger log = LoggerFactory.getLogger(PartnerPolling.class);

    /** Thrown when the partner asks the hub to come back later (HTTP 429 or 503). */
    public static final class RetryLaterException extends IOException {
        private final @Nullable Duration retryAfter;

        public RetryLaterException(String message, @Nullable Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        public @Nullable Duration retryAfter() {
            return retryAfter;
        }
    }

    private final PartnerHealth health;
    private final MeterRegistry meters;

    PartnerPolling(PartnerHealth health, MeterRegistry meters) {
        this.health = health;
        this.meters = meters;
    }

    @Override
    public void configuration() {
        routeConfiguration(POLICY).onException(Exception.class).handled(true).process(this::failed);
    }

    /** False while the partner is backing off after failures or a {@code Retry-After}. */
    public boolean mayPoll(Exchange exchange) {
        return health.mayPoll(partner(exchange), Instant.now());
    }

    /** Starts a poll's count of sent records; call it before any split, so the parts share it. */
    public static void begin(Exchange exchange) {
        exchange.setProperty(SENT, new AtomicInteger());
    }

    public void succeeded(Exchange exchange) {
        AtomicInteger counter = exchange.getProperty(SENT, AtomicInteger.class);
        int sent = counter == null ? 0 : counter.get();
        health.succeeded(partner(exchange), exchange.getFromRouteId(), sent, Instant.now());
    }

    /** Adds to the number of records this poll sent. */
    public static void countSent(Exchange exchange) {
        countSent(exchange, 1);
    }

    /** Adds {@code count} to the number of records this poll sent. */
    public static void countSent(Exchange exchange, int count) {
        AtomicInteger counter = exchange.getProperty(SENT, AtomicInteger.class);
        if (counter == null) {
            counter = new AtomicInteger();
            exchange.setProperty(SENT, counter);
        }
        counter.addAndGet(count);
    }

    private void failed(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = describe(failure);
        Duration retryAfter = failure instanceof RetryLaterException later ? later.retryAfter() : null;
        Instant next = recordFailure(exchange, reason, retryAfter);
        if (next != null) {
            // One line per failed poll, no stack trace: an unreachable partner is an expected condition.
            log.warn(
                    "Partner {} ({}) failed to poll: {}; next attempt not before {}",
                    exchange.getProperty(PARTNER, String.class),
                    exchange.getFromRouteId(),
                    reason,
                    next);
        }
    }

    /**
     * Counts a failed poll and records it on the partner, returning when it may be polled again;
     * null (and one log line) when the route failed before it knew its partner.
     */
    @Nullable
    Instant recordFailure(Exchange exchange, String reason, @Nullable Duration retryAfter) {
        String route = exchange.getFromRouteId();
        meters.counter("hub.partner.poll.failures", "route", route).increment();
        String partner = exchange.getProperty(PARTNER, String.class);
        if (partner == null) {
            log.warn("Partner route {} failed before it knew its partner: {}", route, reason);
            return null;
        }
        return health.failed(partner, route, reason, interval(exchange), retryAfter, Instant.now());
    }

    /** The failure and, when it wraps one, its root cause: "Kafka did not acknowledge" alone says too little. */
    static String describe(@Nullable Throwable failure) {
        if (failure == null) {
            return "unknown";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return root == failure
                ? reason
                : reason + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    private static String partner(Exchange exchange) {
        String partner = exchange.getProperty(PARTNER, String.class);
        if (partner == null) {
            throw new IllegalStateException("route " + exchange.getFromRouteId() + " did not set " + PARTNER);
        }
        return partner;
    }

    private static Duration interval(Exchange exchange) {
        String interval = exchange.getProperty(INTERVAL, "10m", String.class);
        return Duration.ofMillis(TimeUtils.toMilliSeconds(interval));
    }
}
