package gr.accmr.hub.fanout.alerts;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Delivery of urgent notices to subscribers ({@code hub.alerts.*}). */
@Validated
@ConfigurationProperties("hub.alerts")
public record AlertProperties(
        /** How often due deliveries are looked for; default 1s. */
        @DefaultValue("1s") Duration dispatchInterval,
        /** Wait before the first retry of a failed delivery, doubled with jitter after each; default 10s. */
        @DefaultValue("10s") Duration retryDelay,
        /** Longest wait between two attempts of one delivery; default 1h. */
        @DefaultValue("1h") Duration maxRetryDelay,
        /** Failed attempts in a row after which a subscription is disabled and reported; default 10. */
        @DefaultValue("10") @Min(1) int maxFailures,
        /** Longest a subscriber may take to answer one delivery; default 10s. */
        @DefaultValue("10s") Duration timeout) {}
